package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tailbench.engine.fixtures.TricksExperiment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Every trick family trained end to end on real images (the embedded Fashion-MNIST-LT subset,
 * three epochs each): the phases, hand-offs and generated images they record, and that each run
 * learns.
 */
class TricksEndToEndTest {

    @TempDir
    static Path results;

    private static EngineExecutionResults run;

    @BeforeAll
    static void runTricks() {
        run = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectClass(TricksExperiment.class))
                .execute();
    }

    private static JsonNode result(String combination) throws Exception {
        return new ObjectMapper().readTree(results.resolve("dev.tailbench.engine.fixtures.TricksExperiment/" + combination + "/seed-1.json").toFile());
    }

    @Test
    void everyTrickTrainsAndLearnsAndAForeignPaperFigureAborts() {
        run.testEvents().assertStatistics(stats -> stats.started(15).succeeded(14).aborted(1).failed(0));
        run.testEvents().assertThatEvents().haveExactly(1, event(test("drsImageTransSquareRoot"),
                abortedWithReason(message(m -> m.contains("published 27.08%") && m.contains("not applicable")
                        && m.contains("data set fashion-mnist (paper cifar-10)")))));
    }

    @Test
    void posthocLogitAdjustmentIsOneEvaluationAfterTheMainEpochs() throws Exception {
        JsonNode json = result("posthocLogitAdjustment");
        JsonNode stages = json.get("stages");
        assertThat(stages).hasSize(2);
        assertThat(stages.get(1).get("name").asText()).isEqualTo("logit-adjustment");
        assertThat(stages.get(1).at("/tricks/rebalancing/parameters/tau").asDouble()).isEqualTo(1.0);
        // 3 epochs and the evaluation after the adjustment
        assertThat(json.get("epochsCompleted").asInt()).isEqualTo(4);
        assertThat(json.at("/curve/3/stage").asText()).isEqualTo("logit-adjustment");
        assertThat(json.at("/curve/3/testError").asDouble()).isNotEqualTo(json.at("/curve/2/testError").asDouble());
    }

    @Test
    void equalizationV2TrainsTheDeferredStage() throws Exception {
        JsonNode json = result("drwEqualizationV2");
        assertThat(json.at("/stages/1/tricks/loss/name").asText()).isEqualTo("equalization-v2");
        assertThat(json.at("/curve/2/trainLoss").asDouble()).isFinite();
    }

    @Test
    void bagOfTricksHandsOffACheckpointAndTrainsOnCamGeneratedImages() throws Exception {
        JsonNode json = result("bagOfTricks");
        JsonNode stages = json.get("stages");
        assertThat(stages).hasSize(2);
        JsonNode first = stages.get(0);
        assertThat(first.get("name").asText()).isEqualTo("first");
        assertThat(first.get("firstEpoch").asInt()).isEqualTo(1);
        assertThat(first.get("lastEpoch").asInt()).isEqualTo(2);
        Path checkpoint = results.resolve(first.get("checkpoint").asText());
        assertThat(checkpoint).exists();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(checkpoint))))
                .isEqualTo(first.get("checkpointSha256").asText());
        JsonNode deferred = stages.get(1);
        assertThat(deferred.get("name").asText()).isEqualTo("deferred");
        assertThat(deferred.at("/tricks/sampler/name").asText()).isEqualTo("cam-based");
        // n_max + n_min - n_c per class of (1184, 709, ..., 11), the embedded pool after the default
        // validation hold-out (ExecutionTest): 10 x 1195 - 2932 = 9018.
        assertThat(deferred.at("/details/generatedImages").asInt()).isEqualTo(9018);
        assertThat(new ObjectMapper().convertValue(deferred.at("/details/generatedPerClass"), int[].class))
                .containsExactly(11, 486, 770, 940, 1043, 1104, 1141, 1163, 1176, 1184);
        int perTransform = 0;
        for (JsonNode count : deferred.at("/details/generatedPerTransform")) {
            perTransform += count.asInt();
        }
        assertThat(perTransform).isEqualTo(9018);
        assertThat(json.at("/curve/2/stage").asText()).isEqualTo("deferred");
        // The deferred epoch draws as many images as the original set holds (the reference's
        // __len__), not the 11,950 of the enlarged set, with CAM-balance's classes at 1/C.
        assertThat(deferred.at("/details/epochImages").asInt()).isEqualTo(2932);
        assertThat(json.at("/curve/2/images").asInt()).isEqualTo(2932);
        assertThat(json.at("/curve/1/images").asInt()).isEqualTo(2932);
        for (JsonNode p : deferred.at("/details/classProbabilities")) {
            assertThat(p.asDouble()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(json.at("/recipe/fineTuneWithoutMixup").asInt()).isEqualTo(1);
        // the epochs trained with mixup, as the trainer chose each epoch's objective: all but the last
        List<Boolean> mixed = new ArrayList<>();
        json.get("curve").forEach(point -> mixed.add(point.get("mixup").asBoolean()));
        assertThat(mixed).containsExactly(true, true, false);
        assertThat(json.at("/budget/paper/0/applicable").asBoolean()).isFalse();
        assertThat(json.at("/verdict/status").asText()).isEqualTo("passed");
    }

    /**
     * Fine-tuning without mixup as BagofTricks-LT's third stage: after the run's epochs, with mixup
     * off, class-balanced sampling on the original set and the stage's own schedule (2 epochs of
     * the configuration's 20: no warm-up, x0.1 from the 2nd). Before, the only form was the run's
     * last epochs with mixup switched off, same sampler and schedule.
     */
    @Test
    void fineTuningStageTrainsItsOwnEpochsAfterTheRun() throws Exception {
        JsonNode json = result("inputMixupFineTuningStage");
        assertThat(json.get("curve")).hasSize(5);
        List<Boolean> mixed = new ArrayList<>();
        json.get("curve").forEach(point -> mixed.add(point.get("mixup").asBoolean()));
        assertThat(mixed).containsExactly(true, true, true, false, false);
        assertThat(json.at("/curve/3/stage").asText()).isEqualTo("fine-tuning");
        assertThat(json.at("/curve/3/learningRate").asDouble()).isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(json.at("/curve/4/learningRate").asDouble()).isCloseTo(0.001, org.assertj.core.api.Assertions.within(1e-12));
        // the run's own last epoch is at its schedule's rate (x0.01 from the milestone at 2)
        assertThat(json.at("/curve/2/learningRate").asDouble()).isCloseTo(0.001, org.assertj.core.api.Assertions.within(1e-12));
        JsonNode stages = json.get("stages");
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0).get("lastEpoch").asInt()).isEqualTo(3);
        JsonNode stage = stages.get(1);
        assertThat(stage.get("name").asText()).isEqualTo("fine-tuning");
        assertThat(stage.get("firstEpoch").asInt()).isEqualTo(4);
        assertThat(stage.get("lastEpoch").asInt()).isEqualTo(5);
        assertThat(stage.at("/tricks/sampler/name").asText()).isEqualTo("class-balanced");
        assertThat(stage.at("/tricks/mixup").asText()).isEqualTo("none");
        assertThat(stage.at("/tricks/fineTuning/parameters/epochs").asInt()).isEqualTo(2);
        assertThat(json.at("/recipe/fineTuning/name").asText()).isEqualTo("without-mixup");
        assertThat(json.at("/top1Error/last").asDouble()).isEqualTo(json.at("/curve/4/testError").asDouble());
    }

    @Test
    void deferredReweightingSwitchesTheLossAtTheMilestone() throws Exception {
        JsonNode stages = result("drwLdam").get("stages");
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0).at("/tricks/loss/parameters/beta").asDouble()).isEqualTo(0.0);
        assertThat(stages.get(1).at("/tricks/loss/parameters/beta").asDouble()).isEqualTo(0.9999);
        assertThat(stages.get(1).get("firstEpoch").asInt()).isEqualTo(3);
    }

    @Test
    void classifierRebalancingAddsItsEpochsAfterTheMainOnes() throws Exception {
        JsonNode crt = result("classifierRetraining");
        assertThat(crt.get("curve")).hasSize(5);
        assertThat(List.of(crt.at("/curve/3/stage").asText(), crt.at("/curve/4/stage").asText()))
                .containsOnly("crt");
        assertThat(crt.at("/stages/0/checkpoint").asText()).endsWith("seed-1-main.params");
        assertThat(crt.at("/stages/1/name").asText()).isEqualTo("crt");
        assertThat(crt.at("/stages/1/lastEpoch").asInt()).isEqualTo(5);
        assertThat(crt.at("/top1Error/last").asDouble()).isEqualTo(crt.at("/curve/4/testError").asDouble());

        JsonNode lws = result("learnableWeightScaling");
        assertThat(lws.at("/curve/4/stage").asText()).isEqualTo("lws");

        JsonNode tau = result("tauNormalisation");
        assertThat(tau.get("curve")).hasSize(4);
        assertThat(tau.at("/curve/3/stage").asText()).isEqualTo("tau-norm");
        assertThat(tau.at("/curve/3/learningRate").asDouble()).isZero();
    }

    @Test
    void balancedMetaSoftmaxRecordsTheRatesItsSamplerLearnt() throws Exception {
        JsonNode json = result("balancedMetaSoftmax");
        assertThat(json.get("curve")).hasSize(5);
        JsonNode stage = json.at("/stages/1");
        assertThat(stage.get("name").asText()).isEqualTo("balms");
        assertThat(stage.at("/tricks/sampler/name").asText()).isEqualTo("meta");
        assertThat(stage.at("/tricks/sampler/parameters/metaBatchSize").asInt()).isEqualTo(128);
        // the reference's head schedule: its own batches of 512 (2,932 images: 5 steps), a cosine to 0
        assertThat(json.at("/curve/3/images").asInt()).isEqualTo(2560);
        assertThat(json.at("/curve/3/learningRate").asDouble()).isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(json.at("/curve/4/learningRate").asDouble()).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-9));
        JsonNode initial = stage.at("/details/metaSamplerInitialClassProbabilities");
        JsonNode learned = stage.at("/details/metaSamplerLearnedClassProbabilities");
        assertThat(initial).hasSize(10);
        assertThat(learned).hasSize(10);
        double sum = 0;
        boolean moved = false;
        for (int c = 0; c < 10; c++) {
            sum += learned.get(c).asDouble();
            moved |= Math.abs(learned.get(c).asDouble() - initial.get(c).asDouble()) > 1e-6;
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(moved).as("the sampler's rates changed during the stage").isTrue();
        // Initial rates n_c^0.7 / sum: the head class is drawn more often than the tail one.
        assertThat(initial.get(0).asDouble()).isGreaterThan(initial.get(9).asDouble());
    }

    @Test
    void classRectificationRecordsItsParameters() throws Exception {
        JsonNode json = result("classRectification");
        assertThat(json.at("/stages/0/tricks/loss/name").asText()).isEqualTo("class-rectification");
        assertThat(json.at("/stages/0/tricks/loss/parameters/hardSamples").asInt()).isEqualTo(5);
        assertThat(json.at("/curve/2/trainLoss").asDouble()).isFinite();
    }
}
