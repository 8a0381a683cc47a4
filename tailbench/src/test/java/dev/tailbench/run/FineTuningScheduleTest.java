package dev.tailbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tailbench.spec.Schedule;

/**
 * The fine-tuning stage's schedule as BagofTricks-LT's configuration of the best combination
 * runs it: 20 epochs at 0.001, warm-up 5 and x0.1 from 1-based epochs 8 and 16, the scheduler
 * stepped before each epoch; the run's batch, momentum and weight decay.
 */
class FineTuningScheduleTest {

    private final Schedule run = new Schedule(200, 128, 0.1, 0.9, 2e-4, 5, Schedule.PAPER_WARMUP_START_FACTOR,
            List.of(160, 180), 0.01);

    @Test
    void theReferenceTwentyEpochs() {
        Schedule stage = FineTuningSchedule.of(20, 0.001, run);
        double[] warmUp = {0.001 * 7 / 15, 0.0006, 0.001 * 11 / 15, 0.001 * 13 / 15};
        for (int epoch = 1; epoch <= 20; epoch++) {
            double expected = epoch < 5 ? warmUp[epoch - 1] : epoch < 8 ? 0.001 : epoch < 16 ? 0.0001 : 0.00001;
            assertThat(stage.learningRate(epoch - 1)).as("1-based epoch %d", epoch).isCloseTo(expected, within(1e-15));
        }
        assertThat(stage.batchSize()).isEqualTo(128);
        assertThat(stage.momentum()).isEqualTo(0.9);
        assertThat(stage.weightDecay()).isEqualTo(2e-4);
    }

    @Test
    void shortStagesScaleWarmUpAndMilestones() {
        // 1 epoch (20 of 400 at 10 epochs): no warm-up, no decay.
        Schedule one = FineTuningSchedule.of(1, 0.001, run);
        assertThat(one.learningRate(0)).isCloseTo(0.001, within(1e-15));
        // 2 epochs: the decay from 8 of 20 lands on the 2nd.
        Schedule two = FineTuningSchedule.of(2, 0.01, run);
        assertThat(two.learningRate(0)).isCloseTo(0.01, within(1e-15));
        assertThat(two.learningRate(1)).isCloseTo(0.001, within(1e-15));
    }
}
