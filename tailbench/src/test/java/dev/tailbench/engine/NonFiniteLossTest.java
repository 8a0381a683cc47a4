package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tailbench.engine.fixtures.DivergingExperiment;
import dev.tailbench.engine.fixtures.DivergingStageExperiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A run whose loss stops being finite fails at that batch, saying where and which part broke. */
class NonFiniteLossTest {

    @TempDir
    Path results;

    @Test
    void aDivergingRunStopsWithEpochBatchAndLossParts() throws Exception {
        String message = failureOf(DivergingExperiment.class, "crossEntropy");
        assertThat(message).contains("DivergingExperiment.crossEntropy seed 1").contains("the loss is")
                .containsPattern("at epoch 1 \\(phase main\\), batch ([2-9]|\\d\\d+) of \\d+")
                .contains("cross-entropy").contains("mixup: no mixup")
                .containsPattern("logits [1-9]\\d* of \\d+ non-finite").contains("the network diverged");
        JsonNode result = result("dev.tailbench.engine.fixtures.DivergingExperiment/crossEntropy");
        assertThat(result.at("/verdict/status").asText()).isEqualTo("error");
        assertThat(result.get("epochsCompleted").asInt()).isZero();
    }

    @Test
    void aDivergingClassifierStageStopsAsTheMainLoopDoes() throws Exception {
        String message = failureOf(DivergingStageExperiment.class, "classifierRetraining");
        assertThat(message).contains("DivergingStageExperiment.classifierRetraining seed 1").contains("the loss is")
                .containsPattern("at epoch 2 \\(phase crt\\), batch ([2-9]|\\d\\d+) of \\d+")
                .contains("loss cross-entropy").contains("The run stops");
        JsonNode result = result("dev.tailbench.engine.fixtures.DivergingStageExperiment/classifierRetraining");
        assertThat(result.at("/verdict/status").asText()).isEqualTo("error");
        assertThat(result.get("epochsCompleted").asInt()).isEqualTo(1);
    }

    /** BALMS's meta-sampler loop and the fine-tuning stage without mixup, each stepping its own optimizer. */
    @ParameterizedTest
    @CsvSource({"balancedMetaSoftmax, balms, The run stops", "fineTuningStage, fine-tuning, mixup: no mixup"})
    void aDivergingStageStopsAsTheMainLoopDoes(String combination, String phase, String says) throws Exception {
        String message = failureOf(DivergingStageExperiment.class, combination);
        assertThat(message).contains("DivergingStageExperiment." + combination + " seed 1").contains("the loss is")
                .containsPattern("at epoch 2 \\(phase " + phase + "\\), batch ([2-9]|\\d\\d+) of \\d+")
                .contains(says);
        assertThat(result("dev.tailbench.engine.fixtures.DivergingStageExperiment/" + combination)
                .get("epochsCompleted").asInt()).isEqualTo(1);
    }

    /** Runs one diverging run; the message its test failed with. */
    private String failureOf(Class<?> experiment, String combination) {
        EngineExecutionResults run = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectMethod(experiment, combination))
                .execute();
        run.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        return run.testEvents().failed().list().get(0).getRequiredPayload(TestExecutionResult.class)
                .getThrowable().orElseThrow().getMessage();
    }

    private JsonNode result(String run) throws Exception {
        return new ObjectMapper().readTree(results.resolve(run + "/seed-1.json").toFile());
    }
}
