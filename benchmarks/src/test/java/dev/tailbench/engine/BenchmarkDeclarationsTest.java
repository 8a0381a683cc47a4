package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /**
     * The main job's tour takes its budgets from the {@code mvn test} regression of the same
     * protocol: when those are derived again, the tour must follow, or it would judge by stale ones.
     */
    @Test
    void theMainJobsTourRunsAndJudgesItsCombinationsAsTheRegressionDoes() {
        TailbenchConfiguration configuration = new TailbenchConfiguration("", Path.of("target/unused"), "cpu",
                OptionalInt.empty(), List.of(), OptionalInt.empty(), 1, false, "scaled", Optional.empty(),
                Optional.empty(), Optional.empty(), 0.05);
        ExperimentDeclaration tour = ExperimentDeclaration.read(dev.tailbench.benchmarks.FashionMnistTour.class,
                configuration);
        ExperimentDeclaration regression = ExperimentDeclaration.read(
                dev.tailbench.regression.FashionMnistTricks.class, configuration);
        assertThat(tour.combinationNames()).hasSize(5).isSubsetOf(regression.combinationNames());
        assertThat(tour.baseline()).contains("crossEntropy");
        for (String combination : tour.combinationNames()) {
            var ours = tour.runSpec(combination, 1);
            var theirs = regression.runSpec(combination, 1);
            assertThat(ours.trainingSettings()).as(combination).isEqualTo(theirs.trainingSettings());
            assertThat(ours.budget().max()).as(combination).isEqualTo(theirs.budget().max());
            assertThat(ours.budget().margin()).as(combination).isEqualTo(theirs.budget().margin());
            assertThat(ours.budget().notWorseThan() == null).as(combination).isEqualTo(theirs.budget().notWorseThan() == null);
        }
    }

    @Test
    void thePaperTablesHoldEveryRowAndAreTaggedForThePaperProtocol() {
        EngineDiscoveryResults results = discover("dev.tailbench.benchmarks.paper");
        List<? extends TestDescriptor> combinations = results.getEngineDescriptor().getDescendants().stream()
                .filter(CombinationDescriptor.class::isInstance).toList();
        // 12 re-weighting, 8 re-sampling, 4 mixup, 6 DRW, 7 DRS, 3 classifier balancing, 7 combinations,
        // 6 beyond the bag.
        assertThat(combinations).hasSize(53);
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
        // 106 CIFAR-10-LT figures (cui and cao, imbalance 100 and 50).
        assertThat(figures.stream().filter(f -> f.dataset().equals("cifar-10"))).hasSize(106);
        assertThat(figures).allSatisfy(f -> assertThat(f.source()).contains("[bag-of-tricks/"));
        assertThat(figures).anySatisfy(f -> assertThat(f.describe())
                .isEqualTo("23.63% on cifar-10 cui IF 100, resnet32, 200 epochs "
                        + "[BagofTricks-LT documents/trick_gallery.md @46e1ca3 [bag-of-tricks/cui/balanced-softmax]]"));
    }

    /**
     * Every column of the paper's tables can be judged: run with the overrides that select it (data
     * set, subset variant, imbalance), every row's figure for that column applies to the row's run,
     * including the per-data-set hyper-parameters (class-balanced beta 0.9 and SEQL lambda 0.005 on
     * CIFAR-100). {@code figures} is the number of published cells of the column the tables reference.
     */
    @ParameterizedTest(name = "{0} {1} IF {2}")
    @CsvSource({"cifar-10, cui, 100, 39", "cifar-10, cui, 50, 39", "cifar-100, cui, 100, 39",
            "cifar-100, cui, 50, 39", "cifar-10, cao, 100, 14", "cifar-10, cao, 50, 14", "cifar-100, cao, 100, 15",
            "cifar-100, cao, 50, 15"})
    void everyColumnOfThePaperTablesCanBeJudged(String dataset, String variant, double imbalance, int figures) {
        TailbenchConfiguration configuration = new TailbenchConfiguration("/data", Path.of("target/unused"), "cpu",
                OptionalInt.empty(), List.of(), OptionalInt.empty(), 1, false, "scaled", Optional.of(dataset),
                Optional.empty(), Optional.of(variant), 0.05, Optional.empty(), OptionalDouble.of(imbalance));
        List<String> applicable = new ArrayList<>();
        for (Class<?> table : List.of(ReweightingTable.class, ResamplingTable.class, MixupTable.class,
                DeferredReweightingTable.class, DeferredResamplingTable.class, ClassifierBalancingTable.class,
                CombinationTable.class)) {
            ExperimentDeclaration declaration = ExperimentDeclaration.read(table, configuration);
            assertThat(declaration.classProblems()).as(table.getSimpleName()).isEmpty();
            for (String combination : declaration.combinationNames()) {
                var spec = declaration.runSpec(combination, 1);
                for (PaperFigure figure : spec.budget().paper()) {
                    boolean column = figure.dataset().equals(dataset) && figure.variant().equals(variant)
                            && figure.imbalance() == imbalance;
                    if (column) {
                        assertThat(figure.mismatches(spec)).as(table.getSimpleName() + "." + combination).isEmpty();
                        applicable.add(table.getSimpleName() + "." + combination);
                    }
                    else {
                        assertThat(figure.mismatches(spec)).as(table.getSimpleName() + "." + combination).isNotEmpty();
                    }
                }
            }
        }
        assertThat(applicable).hasSize(figures);
        if (dataset.equals("cifar-100") && variant.equals("cui")) {
            assertThat(applicable).contains("ReweightingTable.classBalanced", "ReweightingTable.classBalancedFocal");
        }
        if (dataset.equals("cifar-100") && variant.equals("cao")) {
            assertThat(applicable).contains("ReweightingTable.softmaxEqualization", "ReweightingTable.classBalancedFocal");
        }
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
