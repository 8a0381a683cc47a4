package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tailbench.engine.execution.ResultEntry;
import dev.tailbench.engine.fixtures.BrokenExperiments;
import dev.tailbench.engine.fixtures.TinyExperiment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.AssertionFailedError;

/** Runs the tiny fixture once (two epochs per combination on the embedded data) and checks the outcome. */
class ExecutionTest {

    @TempDir
    static Path results;

    private static EngineExecutionResults tiny;

    @BeforeAll
    static void runTinyExperiment() {
        tiny = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectClass(TinyExperiment.class))
                .execute();
    }

    @Test
    void passingBudgetPassesAndFailingBudgetFailsWithMeasuredAndLimit() {
        tiny.testEvents().assertStatistics(stats -> stats.started(4).succeeded(2).failed(2));
        tiny.testEvents().assertThatEvents()
                .haveExactly(1, event(test("crossEntropy"), finishedSuccessfully()))
                .haveExactly(1, event(test("noAugmentation"), finishedSuccessfully()))
                .haveExactly(1, event(test("impossible"), finishedWithFailure(instanceOf(AssertionFailedError.class),
                        message(m -> m.contains("impossible seed 1: top-1 error (last epoch)")
                                && m.contains("against budget max 0.50%") && m.contains("over by")
                                && m.contains("seed-1.json")))))
                .haveExactly(1, event(test("beatsBaselineByHundred"), finishedWithFailure(
                        instanceOf(AssertionFailedError.class),
                        message(m -> m.contains("against budget crossEntropy's") && m.contains("-100.00")))));
    }

    @Test
    void resultFileHoldsConfigurationCurveMetricsAndVerdict() throws Exception {
        Path file = results.resolve("dev.tailbench.engine.fixtures.TinyExperiment/crossEntropy/seed-1.json");
        assertThat(file).exists();
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("schema").asText()).isEqualTo("tailbench-result/2");
        assertThat(json.get("experiment").asText()).isEqualTo("TinyExperiment");
        assertThat(json.get("combination").asText()).isEqualTo("crossEntropy");
        assertThat(json.get("seed").asLong()).isEqualTo(1);
        assertThat(json.at("/recipe/loss/name").asText()).isEqualTo("cross-entropy");
        assertThat(json.at("/dataset/name").asText()).isEqualTo("fashion-mnist");
        assertThat(json.at("/dataset/imbalance").asDouble()).isEqualTo(100.0);
        assertThat(json.at("/dataset/trainCounts")).hasSize(10);
        // The embedded pool is itself the IF-100 draw with head 1,200 (1200, 719, ..., 20, 12). The
        // default validation split holds out a tenth of its smallest class, 1 image of each class;
        // the head then shrinks until every class of what remains fits the profile: 1,184.
        assertThat(new ObjectMapper().convertValue(json.at("/dataset/trainCounts"), int[].class))
                .containsExactly(1184, 709, 425, 255, 152, 91, 54, 32, 19, 11);
        assertThat(json.at("/dataset/validationSize").asInt()).isEqualTo(10);
        assertThat(json.at("/curve/1/validationError").isNumber()).isTrue();
        assertThat(json.at("/top1Error/validationSelected").isNumber()).isTrue();
        assertThat(json.at("/dataset/testSize").asInt()).isEqualTo(3000);
        assertThat(json.at("/backbone").asText()).isEqualTo("resnet8");
        assertThat(json.at("/schedule/epochs").asInt()).isEqualTo(2);
        assertThat(json.at("/schedule/batchSize").asInt()).isEqualTo(128);
        assertThat(json.at("/device/used").asText()).isEqualTo("cpu()");
        assertThat(json.at("/versions/djl").asText()).isNotBlank();
        assertThat(json.at("/versions/engine").asText()).startsWith("PyTorch 2.7.1");
        assertThat(json.at("/versions/java").asText()).contains("17");
        assertThat(json.get("curve")).hasSize(2);
        assertThat(json.at("/curve/0/trainLoss").asDouble()).isPositive();
        assertThat(json.at("/curve/1/learningRate").asDouble()).isPositive();
        assertThat(json.at("/curve/1/seconds").asDouble()).isPositive();
        assertThat(json.at("/top1Error/last").asDouble()).isEqualTo(json.at("/curve/1/testError").asDouble());
        assertThat(json.at("/top1Error/bestOnTest").asDouble()).isLessThanOrEqualTo(json.at("/top1Error/last").asDouble());
        assertThat(json.get("perClassAccuracy")).hasSize(10);
        assertThat(json.get("confusionMatrix")).hasSize(10);
        assertThat(json.at("/shots/thresholds/basis").asText()).startsWith("scaled");
        assertThat(json.get("imagesPerSecond").asDouble()).isPositive();
        assertThat(json.at("/budget/max").asDouble()).isEqualTo(80.0);
        assertThat(json.at("/verdict/status").asText()).isEqualTo("passed");
        assertThat(json.get("fingerprint").asText()).hasSize(64);
    }

    @Test
    void relativeBudgetRecordsTheReferenceError() throws Exception {
        JsonNode json = new ObjectMapper().readTree(results.resolve("dev.tailbench.engine.fixtures.TinyExperiment/noAugmentation/seed-1.json").toFile());
        JsonNode reference = new ObjectMapper().readTree(results.resolve("dev.tailbench.engine.fixtures.TinyExperiment/crossEntropy/seed-1.json").toFile());
        assertThat(json.at("/budget/notWorseThan").asText()).isEqualTo("crossEntropy");
        assertThat(json.at("/budget/referenceError").asDouble()).isEqualTo(reference.at("/top1Error/last").asDouble());
        assertThat(json.at("/budget/limit").asDouble()).isEqualTo(reference.at("/top1Error/last").asDouble() + 100.0);
    }

    @Test
    void rerunOfOneCombinationByUniqueIdUsesTheStoredReference() {
        UniqueId noAugmentation = UniqueId.forEngine("tailbench").append("experiment", TinyExperiment.class.getName())
                .append("combination", "noAugmentation");
        EngineExecutionResults rerun = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectUniqueId(noAugmentation)).execute();
        rerun.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        // Its baseline did not run now: the experiment's summary names none to compare with.
        assertThat(experimentSummaryEntries(rerun)).singleElement()
                .satisfies(entry -> assertThat(entry).doesNotContainKey(ResultEntry.BASELINE));
    }

    @Test
    void anEndingExperimentPublishesItsSummaryAndTheBaselineItComparesWith() {
        assertThat(experimentSummaryEntries(tiny)).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry(ResultEntry.BASELINE, "crossEntropy");
            assertThat(Path.of(entry.get(ResultEntry.EXPERIMENT_SUMMARY)))
                    .isEqualTo(results.resolve("dev.tailbench.engine.fixtures.TinyExperiment/summary.md"));
        });
    }

    private static List<Map<String, String>> experimentSummaryEntries(EngineExecutionResults execution) {
        return execution.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .filter(entry -> entry.containsKey(ResultEntry.EXPERIMENT_SUMMARY)).toList();
    }

    @Test
    void invalidDeclarationsFailWhileValidCombinationsOfTheSameClassAreUnaffected() {
        EngineExecutionResults results = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectClass(BrokenExperiments.UnknownDataset.class),
                        selectMethod(BrokenExperiments.BadCombinations.class, "returnsString"))
                .execute();
        results.allEvents().assertThatEvents()
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("imagenet-21k")))))
                .haveExactly(1, event(test("returnsString"), finishedWithFailure(message(m -> m.contains("must return")))));
    }

    @Test
    void exceptionInTrainingFailsTheTestAndRecordsAnErrorResult(@TempDir Path failed) throws Exception {
        EngineExecutionResults results = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, failed.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectClass(dev.tailbench.engine.fixtures.FailingExperiment.class)).execute();
        results.testEvents().assertThatEvents().haveExactly(1, event(test("unknownLoss"),
                finishedWithFailure(message(m -> m.contains("failed after 0 of 1 epochs")
                        && m.contains("no implementation of the loss 'no-such-loss'")))));
        JsonNode json = new ObjectMapper().readTree(
                failed.resolve("dev.tailbench.engine.fixtures.FailingExperiment/unknownLoss/seed-1.json").toFile());
        assertThat(json.at("/verdict/status").asText()).isEqualTo("error");
        assertThat(json.at("/verdict/message").asText()).contains("no-such-loss");
        assertThat(json.get("epochsCompleted").asInt()).isZero();
        assertThat(json.at("/recipe/loss/name").asText()).isEqualTo("no-such-loss");
    }

    @Test
    void missingDataDirectoryFailsTheRunNamingTheFile(@TempDir Path empty) throws java.io.IOException {
        EngineExecutionResults results = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, empty.toString())
                .configurationParameter(Constants.RESULTS_DIR, empty.resolve("results").toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectMethod(TinyExperiment.class, "crossEntropy")).execute();
        results.testEvents().assertThatEvents().haveExactly(1, event(test("crossEntropy"),
                finishedWithFailure(message(m -> m.contains("train-images-idx3-ubyte")
                        && m.contains(empty.resolve("fashion-mnist").toString()) && m.contains(Constants.DATA_DIR)))));
        // Nothing is written (the results directory was checked writable, and is left empty).
        try (java.util.stream.Stream<Path> files = Files.walk(empty.resolve("results"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
