package dev.tailbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Mixups;
import dev.tailbench.api.Rebalancing;
import dev.tailbench.api.Recipe;
import dev.tailbench.api.Samplers;
import dev.tailbench.report.EpochRecord;
import dev.tailbench.report.StageRecord;
import dev.tailbench.spec.Budget;
import dev.tailbench.spec.DataSpec;
import dev.tailbench.spec.RunSpec;
import dev.tailbench.spec.Schedule;
import dev.tailbench.spec.Stages;

/**
 * The run's plan and the listeners that keep its books, without training: which phase a fresh,
 * resumed or shared start continues in, what the records and the validation choice keep, and when
 * a checkpoint is written. The end-to-end resume and shared-epoch tests check that the whole run
 * comes out the same.
 */
class TrainingBookkeepingTest {

    private static final Map<String, Object> RUNTIME = Map.of("engine", "PyTorch 2.7.1", "device", "cpu()",
            "threads", 1);

    @TempDir
    Path results;

    private static RunSpec run(Recipe recipe, Stages stages) {
        Schedule schedule = new Schedule(10, 128, 0.1, 0.9, 2e-4, 0, 1, List.of(8), 0.01);
        return new RunSpec("x.E", "r", 1, new DataSpec("fashion-mnist", "", "exponential", 100, 0, ""), "resnet8",
                schedule, recipe, stages, "cpu", Budget.none());
    }

    private static EpochRecord epoch(int epoch, Double validationError) {
        return new EpochRecord(epoch, "main", 1.0, 50.0, 0.1, 2.0, 1000, 500, false, 100, validationError);
    }

    @Test
    void aOneStageRecipeIsOnePhaseAndEveryStartContinuesInIt() {
        RunPlan plan = RunPlan.of(run(Recipe.crossEntropy(), Stages.single(10)));
        assertThat(plan.main()).containsExactly(new RunPlan.PlannedPhase("main", 0, 10));
        assertThat(plan.continuingAt(0)).isZero();
        assertThat(plan.continuingAt(10)).isZero();
        assertThat(plan.laterStage()).isFalse();
        assertThatThrownBy(() -> plan.continuingAt(11)).hasMessageContaining("epoch 11 is outside the run's 10 epochs");
    }

    @Test
    void aTwoStageRecipeContinuesInTheFirstPhaseUntilTheDeferralEpochHasBegun() {
        RunPlan plan = RunPlan.of(run(Recipe.builder().optDeferredLoss(Losses.costSensitive()).build(),
                new Stages(8, 0, 0)));
        assertThat(plan.main()).containsExactly(new RunPlan.PlannedPhase("first", 0, 8),
                new RunPlan.PlannedPhase("deferred", 8, 10));
        assertThat(plan.continuingAt(0)).isZero();
        // A checkpoint after epoch 8 has not closed the first phase: the run closes it and enters
        // the deferred one, as the uninterrupted run did.
        assertThat(plan.continuingAt(8)).isZero();
        assertThat(plan.continuingAt(9)).isEqualTo(1);
        assertThat(plan.continuingAt(10)).isEqualTo(1);
    }

    @Test
    void aDeferredStageScaledToNothingLeavesTheFirstPhaseAlone() {
        RunPlan plan = RunPlan.of(run(Recipe.builder().optDeferredSampler(Samplers.camBased()).build(),
                new Stages(10, 0, 0)));
        assertThat(plan.main()).containsExactly(new RunPlan.PlannedPhase("first", 0, 10));
    }

    @Test
    void laterStagesAndWhereTheyStart() {
        RunPlan crt = RunPlan.of(run(Recipe.builder().optRebalancing(Rebalancing.classifierRetraining()).build(),
                new Stages(10, 0, 10)));
        assertThat(crt.laterStage()).isTrue();
        assertThat(crt.fromSelected()).isFalse();
        RunPlan tau = RunPlan.of(run(Recipe.builder().optRebalancing(Rebalancing.tauNormalisation()).build(),
                new Stages(10, 0, 0)));
        assertThat(tau.fromSelected()).isTrue();
        RunPlan fineTuning = RunPlan.of(run(Recipe.builder().optMixup(Mixups.input()).optFineTuneWithoutMixup(2)
                .build(), new Stages(10, 10, 0, 2)));
        assertThat(fineTuning.fineTuningEpochs()).isEqualTo(2);
        assertThat(fineTuning.laterStage()).isTrue();
        assertThat(fineTuning.fromSelected()).isTrue();
    }

    @Test
    void recordsAddUpEpochsAndStagesAndKeepWhatACheckpointNeeds() {
        RunRecords records = new RunRecords();
        assertThat(records.top1()).isNull();
        records.epochFinished(epoch(1, 40.0), 2.0, 100);
        records.epochFinished(new EpochRecord(2, "main", 0.5, 30.0, 0.1, 2.0, 1000, 500, false, 100, 45.0), 3.0,
                200);
        records.stageClosed(new StageRecord("main", 1, 2, Map.of(), null, null, Map.of()));
        records.epochFinished(new EpochRecord(3, "tau-norm", 0, 35.0, 0, 0.1, 0, 500, false, 0, 41.0), 0, 0);
        assertThat(records.size()).isEqualTo(3);
        assertThat(records.imagesPerSecond()).isEqualTo(300 / 5.0);
        // lowest test error at epoch 2, last 35, validation selects epoch 1 (40 < 41 < 45)
        assertThat(records.top1().bestOnTest()).isEqualTo(30.0);
        assertThat(records.top1().last()).isEqualTo(35.0);
        assertThat(records.top1().validationSelectedEpoch()).isEqualTo(1);
        ResumePoints.Records snapshot = records.snapshot();
        assertThat(snapshot.phaseStart()).isEqualTo(2);
        assertThat(snapshot.trainedImages()).isEqualTo(300);

        RunRecords resumed = new RunRecords();
        resumed.restore(snapshot);
        assertThat(resumed.snapshot()).isEqualTo(snapshot);
    }

    @Test
    void sharedEpochsAreRenamedAfterTheFirstPhaseButKeepTheRunsStartTime() {
        RunRecords shared = new RunRecords();
        shared.adopt(new ResumePoints.Records(List.of(epoch(1, null)), List.of(), 0, 2.0, 100, "then"), "first",
                Path.of("file.zip"));
        assertThat(shared.curve()).extracting(EpochRecord::stage).containsExactly("first");
        assertThat(shared.startedAt()).isNotEqualTo("then");
        assertThatThrownBy(() -> new RunRecords().adopt(new ResumePoints.Records(List.of(), List.of(
                new StageRecord("first", 1, 1, Map.of(), null, null, Map.of())), 1, 0, 0, "then"), "first",
                Path.of("file.zip"))).hasMessage("shared epochs file.zip record a closed stage");
    }

    /** An epoch end whose parameters are the epoch's number, so that the test sees which one was kept. */
    private static TrainingListener.MainEpochEnd end(EpochRecord record, List<String> asked) {
        return new TrainingListener.MainEpochEnd() {
            @Override
            public EpochRecord record() {
                return record;
            }

            @Override
            public int nextEpoch() {
                return record.epoch();
            }

            @Override
            public byte[] parameters() {
                asked.add("parameters " + record.epoch());
                return new byte[] {(byte) record.epoch()};
            }

            @Override
            public ResumePoints.ResumePoint state() {
                asked.add("state " + record.epoch());
                return new ResumePoints.ResumePoint(record.epoch(), new RunRecords().snapshot(),
                        new byte[] {(byte) record.epoch()}, List.of(), List.of(), null);
            }
        };
    }

    @Test
    void theValidationChoiceKeepsTheEarliestLowestEpochsNetworkOnly() {
        ValidationChoice choice = new ValidationChoice();
        List<String> asked = new ArrayList<>();
        choice.mainEpochFinished(end(epoch(1, 40.0), asked));
        choice.mainEpochFinished(end(epoch(2, 30.0), asked));
        choice.mainEpochFinished(end(epoch(3, 30.0), asked));
        choice.mainEpochFinished(end(epoch(4, 35.0), asked));
        assertThat(choice.selected().epoch()).isEqualTo(2);
        assertThat(choice.selected().parameters()).containsExactly(2);
        // the network is copied only when an epoch is chosen
        assertThat(asked).containsExactly("parameters 1", "parameters 2");

        ValidationChoice without = new ValidationChoice();
        without.mainEpochFinished(end(epoch(1, null), asked));
        assertThat(without.selected()).isNull();
    }

    @Test
    void aCheckpointWithoutKeptParametersStillKnowsTheChosenEpochFromTheCurve() {
        ValidationChoice choice = new ValidationChoice();
        choice.restore(null, List.of(epoch(1, 30.0), epoch(2, 35.0)));
        List<String> asked = new ArrayList<>();
        // epoch 3 is not better than epoch 1's 30: nothing is kept, so no later stage starts from it
        choice.mainEpochFinished(end(epoch(3, 32.0), asked));
        assertThat(choice.selected()).isNull();
        choice.mainEpochFinished(end(epoch(4, 29.0), asked));
        assertThat(choice.selected().epoch()).isEqualTo(4);

        ValidationChoice kept = new ValidationChoice();
        kept.restore(new ResumePoints.Selected(2, new byte[] {2}), List.of(epoch(1, 30.0), epoch(2, 20.0)));
        kept.mainEpochFinished(end(epoch(3, 25.0), asked));
        assertThat(kept.selected().epoch()).isEqualTo(2);
    }

    @Test
    void checkpointsAreWrittenEveryIntervalAndAfterTheLastMainEpoch() throws Exception {
        ResumePoints points = new ResumePoints(results);
        RunSpec spec = run(Recipe.crossEntropy(), Stages.single(10));
        PeriodicCheckpoints checkpoints = new PeriodicCheckpoints(points, spec, 4, RUNTIME);
        List<String> asked = new ArrayList<>();
        for (int epoch = 1; epoch <= 10; epoch++) {
            checkpoints.mainEpochFinished(end(epoch(epoch, null), asked));
        }
        assertThat(asked).containsExactly("state 4", "state 8", "state 10");
        assertThat(points.load(spec, RUNTIME).nextEpoch()).isEqualTo(10);

        List<String> none = new ArrayList<>();
        new PeriodicCheckpoints(points, spec, 0, RUNTIME).mainEpochFinished(end(epoch(10, null), none));
        assertThat(none).isEmpty();
        assertThat(Files.exists(points.path(spec))).isTrue();
    }
}
