package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tailbench.engine.fixtures.SharedEpochsExperiment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs that continue from epochs another run trained end exactly as runs that train every epoch
 * themselves ({@code tailbench.shareEpochs=false}), and say which epochs came from where.
 */
class SharedEpochsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONSUMERS = List.of("crossEntropy", "drwCostSensitive", "tauNormalisation");

    @TempDir
    static Path sharing;

    @TempDir
    static Path alone;

    @BeforeAll
    static void trainBothWays() {
        EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, sharing.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectClass(SharedEpochsExperiment.class))
                .execute()
                .testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));
        // Alone: the three runs that continued from another's epochs (cRT, the first to run,
        // trained its own either way), each training every epoch itself.
        EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, alone.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .configurationParameter(Constants.SHARE_EPOCHS, "false")
                .selectors(CONSUMERS.stream().map(name -> selectMethod(SharedEpochsExperiment.class, name)).toList())
                .execute()
                .testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
    }

    private static JsonNode result(Path results, String combination) throws Exception {
        return JSON.readTree(results.resolve("dev.tailbench.engine.fixtures.SharedEpochsExperiment/" + combination + "/seed-1.json").toFile());
    }

    @Test
    void sharedEpochsEndAsEpochsTrainedAlone() throws Exception {
        for (String combination : CONSUMERS) {
            JsonNode shared = result(sharing, combination);
            JsonNode own = result(alone, combination);
            assertThat(shared.get("curve")).as(combination).hasSameSizeAs(own.get("curve"));
            for (int epoch = 0; epoch < own.get("curve").size(); epoch++) {
                for (String field : List.of("epoch", "stage", "trainLoss", "testError", "validationError",
                        "learningRate", "images")) {
                    assertThat(shared.at("/curve/" + epoch + "/" + field)).as("%s epoch %d %s", combination, epoch + 1,
                            field).isEqualTo(own.at("/curve/" + epoch + "/" + field));
                }
            }
            for (String field : List.of("top1Error", "perClassAccuracy", "confusionMatrix", "fingerprint",
                    "epochsCompleted")) {
                assertThat(shared.get(field)).as("%s %s", combination, field).isEqualTo(own.get(field));
            }
            for (int stage = 0; stage < own.get("stages").size(); stage++) {
                assertThat(shared.at("/stages/" + stage + "/tricks")).as("%s stage %d", combination, stage)
                        .isEqualTo(own.at("/stages/" + stage + "/tricks"));
            }
        }
    }

    @Test
    void theFirstToRunTrainsTheSharedEpochsAndTheOthersSayWhereTheirsCameFrom() throws Exception {
        // Combinations run in name order: cRT trains its two main epochs and saves its state after
        // epochs 1 (DRW's deferral) and 2 (its own hand-off); the others continue from those.
        assertThat(result(sharing, "classifierRetraining").at("/stages/0/details/sharedEpochs").isMissingNode()).isTrue();
        assertThat(result(sharing, "crossEntropy").at("/stages/0/details/sharedEpochs").asInt()).isEqualTo(2);
        assertThat(result(sharing, "crossEntropy").at("/stages/0/details/sharedFrom").asText())
                .contains("SharedEpochsExperiment#classifierRetraining seed 1");
        assertThat(result(sharing, "drwCostSensitive").at("/stages/0/details/sharedEpochs").asInt()).isEqualTo(1);
        assertThat(result(sharing, "tauNormalisation").at("/stages/0/details/sharedEpochs").asInt()).isEqualTo(2);
        // tau-norm starts from the validation split's choice, kept with the shared epochs.
        assertThat(result(sharing, "tauNormalisation").at("/stages/1/tricks/startsFrom").asText())
                .isEqualTo(result(alone, "tauNormalisation").at("/stages/1/tricks/startsFrom").asText())
                .contains("selected on validation");
        assertThat(alone.resolve("shared-epochs")).doesNotExist();
        assertThat(sharing.resolve("shared-epochs")).isDirectoryContaining(file -> file.toString().endsWith(".zip"));
    }
}
