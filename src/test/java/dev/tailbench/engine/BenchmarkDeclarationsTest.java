package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.tailbench.benchmarks.paper.BeyondTheBagTable;
import dev.tailbench.benchmarks.paper.ClassifierBalancingTable;
import dev.tailbench.benchmarks.paper.CombinationTable;
import dev.tailbench.benchmarks.paper.DeferredResamplingTable;
import dev.tailbench.benchmarks.paper.DeferredReweightingTable;
import dev.tailbench.benchmarks.paper.MixupTable;
import dev.tailbench.benchmarks.paper.ResamplingTable;
import dev.tailbench.benchmarks.paper.ReweightingTable;
import dev.tailbench.engine.discovery.ExperimentDeclaration;
import dev.tailbench.spec.PaperFigure;

import dev.tailbench.engine.descriptor.CombinationDescriptor;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The main job's experiments (benchmarks/) are declared correctly: discovering them reports no
 * problem, so a mistake there fails the tests rather than the nightly run.
 */
class BenchmarkDeclarationsTest {

    private static EngineDiscoveryResults discover(String packageName) {
        return EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID).selectors(selectPackage(packageName)).discover();
    }

    @Test
    void everyBenchmarkExperimentIsValid() {
        EngineDiscoveryResults results = discover("dev.tailbench.benchmarks");
        assertThat(results.getDiscoveryIssues()).isEmpty();
        assertThat(results.getEngineDescriptor().getChildren()).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void thePaperTablesHoldEveryRowAndAreTaggedForThePaperProtocol() {
        EngineDiscoveryResults results = discover("dev.tailbench.benchmarks.paper");
        List<? extends TestDescriptor> combinations = results.getEngineDescriptor().getDescendants().stream()
                .filter(CombinationDescriptor.class::isInstance).toList();
        // 12 re-weighting, 7 re-sampling, 4 mixup, 6 DRW, 7 DRS, 3 classifier balancing, 7 combinations,
        // 6 beyond the bag.
        assertThat(combinations).hasSize(52);
        assertThat(combinations).allSatisfy(c -> assertThat(c.getTags()).contains(TestTag.create("paper-protocol")));
    }

    @Test
    void thePaperTablesReferenceEveryPublishedCifar10FigureByRowId() {
        TailbenchConfiguration configuration = new TailbenchConfiguration("", Path.of("target/unused"), "cpu",
                OptionalInt.empty(), List.of(), OptionalInt.empty(), 1, false, "scaled", Optional.empty(),
                Optional.empty(), Optional.empty(), 0.05);
        List<PaperFigure> figures = new ArrayList<>();
        for (Class<?> table : List.of(ReweightingTable.class, ResamplingTable.class, MixupTable.class,
                DeferredReweightingTable.class, DeferredResamplingTable.class, ClassifierBalancingTable.class,
                CombinationTable.class)) {
            ExperimentDeclaration declaration = ExperimentDeclaration.read(table, configuration);
            for (String combination : declaration.combinationNames()) {
                figures.addAll(declaration.runSpec(combination, 1).budget().paper());
            }
        }
        // 102 CIFAR-10-LT figures (cui and cao, imbalance 100 and 50), as the tables held inline before.
        assertThat(figures.stream().filter(f -> f.dataset().equals("cifar-10"))).hasSize(102);
        assertThat(figures).allSatisfy(f -> assertThat(f.source()).contains("[bag-of-tricks/"));
        assertThat(figures).anySatisfy(f -> assertThat(f.describe())
                .isEqualTo("23.63% on cifar-10 cui IF 100, resnet32, 200 epochs "
                        + "[BagofTricks-LT documents/trick_gallery.md @46e1ca3 [bag-of-tricks/cui/balanced-softmax]]"));
    }

    /** The authors' own protocols: the figures are shown, and no run of the table can match them. */
    @Test
    void beyondTheBagFiguresAreShownButNeverApply() {
        TailbenchConfiguration configuration = new TailbenchConfiguration("", Path.of("target/unused"), "cpu",
                OptionalInt.empty(), List.of(), OptionalInt.empty(), 1, false, "scaled", Optional.empty(),
                Optional.empty(), Optional.empty(), 0.05);
        ExperimentDeclaration declaration = ExperimentDeclaration.read(BeyondTheBagTable.class, configuration);
        List<String> withFigures = new ArrayList<>();
        for (String combination : declaration.combinationNames()) {
            var spec = declaration.runSpec(combination, 1);
            if (!spec.budget().paper().isEmpty()) {
                withFigures.add(combination);
            }
            assertThat(spec.budget().paper()).allSatisfy(f -> {
                assertThat(f.variant()).isEqualTo("authors");
                assertThat(f.mismatches(spec)).anySatisfy(m -> assertThat(m).startsWith("subset variant"));
            });
        }
        assertThat(withFigures).containsExactlyInAnyOrder("logitAdjustedLoss", "posthocLogitAdjustment",
                "balancedMetaSoftmax");
    }
}
