package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import dev.tailbench.api.TrickSpec;
import dev.tailbench.engine.discovery.ExperimentDeclaration;
import dev.tailbench.engine.fixtures.SweptExperiment;
import dev.tailbench.spec.CombinationName;
import dev.tailbench.spec.RunSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Sweeps: a {@code @Combination} method with {@code @Values} parameters is one combination per value set. */
class SweepTest {

    private static final TailbenchConfiguration CONFIGURATION = new TailbenchConfiguration(null,
            Path.of("target/unused"), "cpu", OptionalInt.empty(), List.of(), OptionalInt.empty(), 1, false, "scaled",
            Optional.empty(), Optional.empty(), Optional.empty(), 0.05);

    private static final String LOSS_BY_SAMPLER = "lossBySampler[loss=%s,sampler=%s]";

    private static List<String> combinations(TestDescriptor root) {
        return root.getDescendants().stream().filter(d -> d.getUniqueId().getLastSegment().getType().equals("combination"))
                .map(TestDescriptor::getDisplayName).toList();
    }

    @Test
    void everyValueSetIsACombinationNamedByItsValues() {
        TestDescriptor root = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .selectors(selectClass(SweptExperiment.class)).discover().getEngineDescriptor();
        assertThat(combinations(root)).containsExactlyInAnyOrder("crossEntropy", "focal[gamma=0.5]", "focal[gamma=2]",
                LOSS_BY_SAMPLER.formatted("crossEntropy", "instanceBalanced"),
                LOSS_BY_SAMPLER.formatted("crossEntropy", "classBalanced"),
                LOSS_BY_SAMPLER.formatted("balancedSoftmax", "instanceBalanced"),
                LOSS_BY_SAMPLER.formatted("balancedSoftmax", "classBalanced"));
        UniqueId focal = UniqueId.forEngine(TailbenchTestEngine.ENGINE_ID)
                .append("experiment", SweptExperiment.class.getName()).append("combination", "focal[gamma=0.5]");
        assertThat(root.findByUniqueId(focal)).isPresent();
        // The values are in the unique id's text, so -Dtest / IDE reruns can name one value set.
        assertThat(UniqueId.parse(focal.toString())).isEqualTo(focal);
    }

    @Test
    void eachValueSetBuildsItsOwnRecipeAndBudget() {
        ExperimentDeclaration declaration = ExperimentDeclaration.read(SweptExperiment.class, CONFIGURATION);
        assertThat(declaration.classProblems()).isEmpty();
        // The first parameter varies slowest, each in declared order; references come first.
        assertThat(declaration.combinationNames()).containsSubsequence("crossEntropy", "focal[gamma=0.5]");
        assertThat(declaration.combinationNames()).containsSubsequence("focal[gamma=2]",
                LOSS_BY_SAMPLER.formatted("crossEntropy", "instanceBalanced"),
                LOSS_BY_SAMPLER.formatted("crossEntropy", "classBalanced"),
                LOSS_BY_SAMPLER.formatted("balancedSoftmax", "instanceBalanced"),
                LOSS_BY_SAMPLER.formatted("balancedSoftmax", "classBalanced"));
        RunSpec half = declaration.runSpec("focal[gamma=0.5]", 1);
        assertThat(((TrickSpec) half.recipe().describe().get("loss")).parameters()).containsEntry("gamma", 0.5);
        assertThat(((TrickSpec) declaration.runSpec("focal[gamma=2]", 1).recipe().describe().get("loss")).parameters())
                .containsEntry("gamma", 2.0);
        assertThat(half.budget().max()).isEqualTo(85.0);
        assertThat(half.budget().notWorseThan().combination()).isEqualTo("crossEntropy");
        RunSpec balanced = declaration.runSpec(LOSS_BY_SAMPLER.formatted("balancedSoftmax", "classBalanced"), 1);
        assertThat(((TrickSpec) balanced.recipe().describe().get("loss")).name()).isEqualTo("balanced-softmax");
        assertThat(((TrickSpec) balanced.recipe().describe().get("sampler")).name()).isEqualTo("class-balanced");
        assertThat(balanced.budget().notWorseThan().combination()).isEqualTo("focal[gamma=2]");
        assertThat(declaration.comparedWith(LOSS_BY_SAMPLER.formatted("crossEntropy", "classBalanced")))
                .containsExactly("focal[gamma=2]");
    }

    @Test
    void aMethodSelectorSelectsEveryValueSetAndAUniqueIdOne() throws Exception {
        TestDescriptor byMethod = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .selectors(selectMethod(SweptExperiment.class, SweptExperiment.class.getMethod("focal", double.class)))
                .discover().getEngineDescriptor();
        assertThat(combinations(byMethod)).containsExactlyInAnyOrder("focal[gamma=0.5]", "focal[gamma=2]");
        UniqueId one = UniqueId.forEngine(TailbenchTestEngine.ENGINE_ID)
                .append("experiment", SweptExperiment.class.getName())
                .append("combination", LOSS_BY_SAMPLER.formatted("balancedSoftmax", "classBalanced"));
        TestDescriptor byId = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID).selectors(selectUniqueId(one))
                .discover().getEngineDescriptor();
        assertThat(combinations(byId)).containsExactly(LOSS_BY_SAMPLER.formatted("balancedSoftmax", "classBalanced"));
    }

    @Test
    void mistakesInASweepAreReportedNamingTheParameterAndValue() {
        List<String> messages = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .selectors(selectClass(SweptExperiment.BrokenSweeps.class)).discover().getDiscoveryIssues().stream()
                .map(DiscoveryIssue::message).toList();
        String owner = SweptExperiment.BrokenSweeps.class.getName();
        assertThat(messages).containsExactlyInAnyOrder(
                owner + "#notANumber(): @Values of parameter 'gamma' holds \"half\", which is not a double",
                owner + "#slashInValue(): @Values of parameter 'path' holds \"a/b\": a value may hold letters, digits"
                        + " and . _ + - only (it is part of names and paths)",
                owner + "#repeated(): @Values of parameter 'twice' repeats \"1\"",
                owner + "#oneWithoutValues(): parameter second (int) has no @Values: a @Combination method takes no"
                        + " parameters, or sweeps each of them with @Values",
                owner + "#negativeGamma(): with [gamma=-1]: building the recipe failed: java.lang.IllegalArgumentException:"
                        + " focal(gamma = -1.0) must be a finite number >= 0.0",
                owner + "#namesTheSweptMethod(): @ErrorBudget(notWorseThan = \"good\") names a swept method: name one"
                        + " of its combinations, [good[unused=1], good[unused=2]]");
        ExperimentDeclaration declaration = ExperimentDeclaration.read(SweptExperiment.BrokenSweeps.class, CONFIGURATION);
        assertThat(declaration.combinationNames()).containsExactlyInAnyOrder("good[unused=1]", "good[unused=2]",
                "negativeGamma[gamma=1]");
    }

    @Test
    void combinationNamesFormatAndParseBack() {
        assertThat(CombinationName.of("focal", Map.of("gamma", "0.5"))).isEqualTo("focal[gamma=0.5]");
        assertThat(CombinationName.of("crossEntropy", Map.of())).isEqualTo("crossEntropy");
        assertThat(CombinationName.values("lossBySampler[loss=ce,sampler=cb]"))
                .containsExactly(Map.entry("loss", "ce"), Map.entry("sampler", "cb"));
        assertThat(CombinationName.values("crossEntropy")).isEmpty();
        assertThat(CombinationName.method("focal[gamma=2]")).isEqualTo("focal");
    }

    @Test
    void aSweptRunIsJudgedOnItsOwnAndItsValuesAreInTheResult(@TempDir Path results) throws Exception {
        EngineExecutionResults run = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .configurationParameter(Constants.EPOCHS, "1")
                .selectors(selectMethod(SweptExperiment.class, "crossEntropy"),
                        selectMethod(SweptExperiment.class, SweptExperiment.class.getMethod("focal", double.class)))
                .execute();
        run.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
        JsonNode half = new ObjectMapper().readTree(
                results.resolve("dev.tailbench.engine.fixtures.SweptExperiment/focal[gamma=0.5]/seed-1.json").toFile());
        assertThat(half.get("combination").asText()).isEqualTo("focal[gamma=0.5]");
        assertThat(half.at("/sweep/gamma").asText()).isEqualTo("0.5");
        assertThat(half.at("/recipe/loss/parameters/gamma").asDouble()).isEqualTo(0.5);
        assertThat(half.at("/budget/notWorseThan").asText()).isEqualTo("crossEntropy");
        JsonNode two = new ObjectMapper().readTree(results.resolve("dev.tailbench.engine.fixtures.SweptExperiment/focal[gamma=2]/seed-1.json").toFile());
        assertThat(two.at("/recipe/loss/parameters/gamma").asDouble()).isEqualTo(2.0);
        assertThat(two.at("/top1Error/last").asDouble()).isNotEqualTo(half.at("/top1Error/last").asDouble());
        JsonNode plain = new ObjectMapper().readTree(results.resolve("dev.tailbench.engine.fixtures.SweptExperiment/crossEntropy/seed-1.json").toFile());
        assertThat(plain.get("sweep")).isEmpty();
        assertThat(results.resolve("dev.tailbench.engine.fixtures.SweptExperiment/summary.md")).content().contains("focal[gamma=0.5]", "focal[gamma=2]");
    }
}
