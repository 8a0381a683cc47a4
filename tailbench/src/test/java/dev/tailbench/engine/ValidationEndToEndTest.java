package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.tailbench.engine.fixtures.ValidationExperiment;

/**
 * Model selection without the test set: the validation images are held out of the pool before the
 * subset is drawn, every epoch is evaluated on them, the result reports the test error at the epoch
 * they select next to the last and the best-on-test ones, a budget may judge that error, and
 * tau-normalisation and the fine-tuning stage start from the selected epoch's model.
 */
class ValidationEndToEndTest {

    @TempDir
    static Path results;

    private static EngineExecutionResults run;

    @BeforeAll
    static void runValidation() {
        run = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectClass(ValidationExperiment.class))
                .execute();
    }

    private static JsonNode result(String combination) throws Exception {
        return new ObjectMapper().readTree(results.resolve("dev.tailbench.engine.fixtures.ValidationExperiment/" + combination + "/seed-1.json").toFile());
    }

    @Test
    void everyRunTrains() {
        run.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
    }

    @Test
    void theTestErrorAtTheValidationChoiceIsReportedAndJudged() throws Exception {
        JsonNode json = result("crossEntropy");
        // 2 of each of the 10 classes held out; the head class keeps what remains of its 1,200
        assertThat(json.at("/dataset/validationSize").asInt()).isEqualTo(20);
        assertThat(json.at("/dataset/trainCounts/0").asInt()).isEqualTo(1198);
        double lowest = Double.POSITIVE_INFINITY;
        int selected = 0;
        for (JsonNode point : json.get("curve")) {
            double error = point.get("validationError").asDouble();
            assertThat(error).isBetween(0.0, 100.0);
            if (error < lowest) {
                lowest = error;
                selected = point.get("epoch").asInt();
            }
        }
        assertThat(json.at("/top1Error/validationSelectedEpoch").asInt()).isEqualTo(selected);
        assertThat(json.at("/top1Error/validationSelected").asDouble())
                .isEqualTo(json.at("/curve/" + (selected - 1) + "/testError").asDouble());
        assertThat(json.at("/top1Error/bestOnTest").isNumber()).isTrue();
        assertThat(json.at("/budget/epoch").asText()).isEqualTo("validation");
        assertThat(json.at("/verdict/measured").asDouble()).isEqualTo(json.at("/top1Error/validationSelected").asDouble());
        List<String> summary = Files.readAllLines(results.resolve("dev.tailbench.engine.fixtures.ValidationExperiment/summary.csv"));
        assertThat(summary.get(0)).contains("validation-selected error %,best-on-test error %");
    }

    @Test
    void laterStagesStartFromTheSelectedEpoch() throws Exception {
        JsonNode tau = result("tauNormalisation");
        int selected = selectedMainEpoch(tau, 3);
        assertThat(tau.at("/stages/1/tricks/startsFrom").asText()).isEqualTo("epoch " + selected + " (selected on validation)");
        JsonNode fineTuning = result("inputMixupFineTuning");
        int chosen = selectedMainEpoch(fineTuning, 3);
        assertThat(fineTuning.at("/stages/1/name").asText()).isEqualTo("fine-tuning");
        assertThat(fineTuning.at("/stages/1/details/startsFrom").asText())
                .isEqualTo("epoch " + chosen + " (selected on validation)");
    }

    /** The run's epoch (before any later stage) of the lowest validation error, the earliest of equals. */
    private static int selectedMainEpoch(JsonNode json, int epochs) {
        List<Double> errors = new ArrayList<>();
        for (int i = 0; i < epochs; i++) {
            errors.add(json.at("/curve/" + i + "/validationError").asDouble());
        }
        return errors.indexOf(errors.stream().min(Double::compare).orElseThrow()) + 1;
    }
}
