package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.uniqueIdSubstring;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tailbench.engine.fixtures.PairedSeedsExperiment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Several seeds: each seed is judged on its own budgets, and the relative budget is decided once,
 * over the seeds, by the paired test, with the p-value in the message and in {@code seeds.json}.
 */
class SeedsSummaryTest {

    @TempDir
    static Path results;

    private static EngineExecutionResults run;

    @BeforeAll
    static void runThreeSeeds() {
        run = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectClass(PairedSeedsExperiment.class))
                .execute();
    }

    private static JsonNode seeds(String combination) throws Exception {
        return new ObjectMapper().readTree(results.resolve("dev.tailbench.engine.fixtures.PairedSeedsExperiment/" + combination + "/seeds.json")
                .toFile());
    }

    @Test
    void seedsRunAndEachCombinationIsSummarisedOnce() {
        // 3 combinations x (3 seeds + 1 summary); only the impossible relative budget fails, once.
        run.testEvents().assertStatistics(stats -> stats.started(12).succeeded(11).failed(1));
        run.testEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring("beatsBaselineByFifty"),
                displayName("seeds 1, 2, 3: spread and paired test"), finishedWithFailure(message(m ->
                        m.contains("against crossEntropy (margin -50.00, last epoch)")
                                && m.contains("one-sided paired t-test of difference < -50.00")
                                && m.contains("p = ") && m.contains("the seeds do not show it")))));
        run.testEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring("noAugmentation"),
                displayName("seeds 1, 2, 3: spread and paired test"), finishedSuccessfully()));
    }

    @Test
    void summaryRecordsSpreadIntervalAndTest() throws Exception {
        JsonNode json = seeds("noAugmentation");
        assertThat(json.get("schema").asText()).isEqualTo("tailbench-seeds/2");
        assertThat(json.get("experimentClass").asText()).isEqualTo(PairedSeedsExperiment.class.getName());
        assertThat(json.get("seeds")).hasSize(3);
        JsonNode last = json.get("lastError");
        assertThat(last.get("values")).hasSize(3);
        assertThat(last.get("low").asDouble()).isLessThan(last.get("mean").asDouble());
        assertThat(last.get("high").asDouble()).isGreaterThan(last.get("mean").asDouble());
        assertThat(last.get("confidence").asDouble()).isEqualTo(0.95);
        JsonNode test = json.get("comparison");
        assertThat(test.get("degreesOfFreedom").asInt()).isEqualTo(2);
        assertThat(test.get("pValue").asDouble()).isLessThan(0.05);
        assertThat(json.get("reference").asText()).isEqualTo("crossEntropy");
        assertThat(json.at("/verdict/status").asText()).isEqualTo("passed");

        JsonNode baseline = seeds("crossEntropy");
        assertThat(baseline.get("comparison").isNull()).isTrue();
        assertThat(baseline.at("/verdict/status").asText()).isEqualTo("no-budget");
    }

    @Test
    void theExperimentsSummaryTableListsEveryCombinationWithSpreadBudgetAndTest() throws Exception {
        List<String> markdown = Files.readAllLines(results.resolve("dev.tailbench.engine.fixtures.PairedSeedsExperiment/summary.md"));
        assertThat(markdown.get(0)).isEqualTo("# PairedSeedsExperiment");
        assertThat(markdown.get(2)).startsWith("| combination | seeds | last-epoch error % | interval |");
        assertThat(markdown).filteredOn(line -> line.startsWith("| beatsBaselineByFifty | 1,2,3 | "))
                .singleElement().asString().contains("| crossEntropy -50.00 (paired test) |").contains("(95%)")
                .containsPattern("\\| crossEntropy [+-][0-9.]+ \\(p = [0-9.]+\\) \\| crossEntropy [+-][0-9.]+"
                        + " \\(95% CI [+-][0-9.]+ to [+-][0-9.]+, p = [0-9.]+\\) \\| failed \\|$");
        // the baseline all relative budgets name: every other row is compared with it
        assertThat(markdown).filteredOn(line -> line.startsWith("| crossEntropy | 1,2,3 | ")).singleElement()
                .asString().endsWith("| baseline | no-budget |");
        List<String> csv = Files.readAllLines(results.resolve("dev.tailbench.engine.fixtures.PairedSeedsExperiment/summary.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).isEqualTo("combination,seeds,last-epoch error %,interval,validation-selected error %,best-on-test error %,budget,"
                + "published,vs published,vs reference,vs baseline,verdict");
        assertThat(csv).anySatisfy(line -> assertThat(line).startsWith("noAugmentation,\"1,2,3\","));
    }

    @Test
    void eachSeedIsJudgedWithoutTheRelativeBudget() throws Exception {
        JsonNode seed = new ObjectMapper().readTree(results.resolve("dev.tailbench.engine.fixtures.PairedSeedsExperiment/beatsBaselineByFifty/seed-2.json")
                .toFile());
        assertThat(seed.at("/verdict/status").asText()).isEqualTo("no-budget");
    }
}
