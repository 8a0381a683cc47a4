package dev.tailbench.tricks.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tailbench.api.Rebalancing;
import dev.tailbench.spec.Schedule;

import org.junit.jupiter.api.Test;

class StageScheduleTest {

    /**
     * The reference's 30 epochs as its scheduler, stepped before each epoch, gives them: 1-based
     * epochs 1-4 warm up (factor 1/3 (1 - e/5) + e/5: 0.4667, 0.6, 0.7333, 0.8667), 5-9 at 0.1, 10-19
     * at 0.01, 20-30 at 0.001.
     */
    @Test
    void thirtyEpochsDecayAtTenAndTwentyAfterFiveWarmUpEpochs() {
        Schedule schedule = StageSchedule.of(30, 128, 0.1, 5e-4);
        double[] warmUp = {0.1 * 7 / 15, 0.06, 0.1 * 11 / 15, 0.1 * 13 / 15};
        for (int epoch = 1; epoch <= 30; epoch++) {
            double expected = epoch < 5 ? warmUp[epoch - 1] : epoch < 10 ? 0.1 : epoch < 20 ? 0.01 : 0.001;
            assertThat(schedule.learningRate(epoch - 1)).as("1-based epoch %d", epoch).isCloseTo(expected, within(1e-12));
        }
        assertThat(schedule.momentum()).isEqualTo(0.9);
        assertThat(schedule.weightDecay()).isEqualTo(5e-4);
        assertThat(schedule.batchSize()).isEqualTo(128);
        assertThat(schedule.epochs()).isEqualTo(30);
    }

    @Test
    void shortStagesDecayAtAThirdAndTwoThirdsWithoutWarmUp() {
        // 3 epochs: milestones round(9/30 * 3) + 1 = 2 and round(19/30 * 3) + 1 = 3; no warm-up.
        Schedule three = StageSchedule.of(3, 4, 0.2, 0);
        assertThat(three.learningRate(0)).isCloseTo(0.2, within(1e-12));
        assertThat(three.learningRate(1)).isCloseTo(0.02, within(1e-12));
        assertThat(three.learningRate(2)).isCloseTo(0.002, within(1e-12));
        // 12 epochs: milestones 5 and 9, warm-up 2: 1-based epoch 1 at 1/3 * 1/2 + 1/2 = 2/3.
        Schedule twelve = StageSchedule.of(12, 4, 0.3, 0);
        assertThat(twelve.learningRate(0)).isCloseTo(0.2, within(1e-12));
        assertThat(twelve.learningRate(1)).isCloseTo(0.3, within(1e-12));
        assertThat(twelve.learningRate(3)).isCloseTo(0.3, within(1e-12));
        assertThat(twelve.learningRate(4)).isCloseTo(0.03, within(1e-12));
        assertThat(twelve.learningRate(7)).isCloseTo(0.03, within(1e-12));
        assertThat(twelve.learningRate(8)).isCloseTo(0.003, within(1e-12));
    }

    @Test
    void milestonesAndWarmUp() {
        assertThat(StageSchedule.milestones(30)).containsExactly(10, 20);
        assertThat(StageSchedule.milestones(10)).containsExactly(4, 7);
        // round(9/30) + 1 = 1 is dropped (it would decay the whole stage); round(19/30) + 1 = 2 is past the end.
        assertThat(StageSchedule.milestones(1)).isEmpty();
        assertThat(StageSchedule.milestones(2)).containsExactly(2);
        assertThat(StageSchedule.warmupEpochs(30)).isEqualTo(5);
        assertThat(StageSchedule.warmupEpochs(5)).isZero();
    }

    @Test
    void specsMapToTrainingStagesWithTheirParameters() {
        ClassifierStage crt = ClassifierStage.of(Rebalancing.classifierRetraining(), 128, new int[] {5, 1});
        assertThat(crt).isInstanceOf(ClassifierTraining.class);
        assertThat(crt.epochs()).isEqualTo(30);
        assertThat(((ClassifierTraining) crt).schedule()).isEqualTo(StageSchedule.of(30, 128, 0.1, 5e-4));

        ClassifierStage lws = ClassifierStage.of(Rebalancing.learnableWeightScaling(6, 0.05, 1e-4), 64, new int[] {5, 1});
        assertThat(lws.epochs()).isEqualTo(6);
        assertThat(((ClassifierTraining) lws).schedule()).isEqualTo(StageSchedule.of(6, 64, 0.05, 1e-4));
    }

    @Test
    void rejectsEmptyStagesAndNegativeRates() {
        assertThatThrownBy(() -> StageSchedule.of(0, 128, 0.1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StageSchedule.of(3, 0, 0.1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StageSchedule.of(3, 8, -0.1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StageSchedule.of(3, 8, 0.1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
