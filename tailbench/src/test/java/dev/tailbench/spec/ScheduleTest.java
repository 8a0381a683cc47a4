package dev.tailbench.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    /** The Bag of Tricks CIFAR recipe: 200 epochs, warm-up 5 from lr/3, x0.01 at 160 and 180. */
    private final Schedule paper = new Schedule(200, 128, 0.1, 0.9, 2e-4, 5, Schedule.PAPER_WARMUP_START_FACTOR,
            List.of(160, 180), 0.01);

    /**
     * BagofTricks-LT steps its scheduler before each epoch's training, so 1-based epoch e trains at
     * the warm-up multi-step formula at e: epochs 1-6 at 0.046667, 0.06, 0.073333, 0.086667, 0.1,
     * 0.1 (the formula at 0, a third of the rate, is never trained with).
     */
    @Test
    void warmUpAsTheReferenceStepsIt() {
        double[] expected = {0.046667, 0.06, 0.073333, 0.086667, 0.1, 0.1};
        for (int epoch = 1; epoch <= expected.length; epoch++) {
            assertThat(paper.learningRate(epoch - 1)).as("1-based epoch %d", epoch)
                    .isCloseTo(expected[epoch - 1], within(5e-7));
        }
    }

    /** The decays (x0.01) land at 1-based epochs 160 and 180. */
    @Test
    void decaysAtOneBasedEpochs160And180() {
        assertThat(paper.learningRate(158)).as("epoch 159").isCloseTo(0.1, within(1e-12));
        assertThat(paper.learningRate(159)).as("epoch 160").isCloseTo(0.001, within(1e-12));
        assertThat(paper.learningRate(178)).as("epoch 179").isCloseTo(0.001, within(1e-12));
        assertThat(paper.learningRate(179)).as("epoch 180").isCloseTo(0.00001, within(1e-15));
        assertThat(paper.learningRate(199)).as("epoch 200").isCloseTo(0.00001, within(1e-15));
    }

    /**
     * Scaled runs keep the number of epochs before each decay in proportion (159 and 179 of 200),
     * and the deferred stage starts where the reference's does, proportionally (160 of 200, 0-based).
     */
    @Test
    void defaultsScaleWithTheEpochs() {
        assertThat(Schedule.defaultMilestones(200)).containsExactly(160, 180);
        assertThat(Schedule.defaultDeferral(200)).isEqualTo(160);
        assertThat(Schedule.defaultMilestones(10)).containsExactly(9, 10);
        assertThat(Schedule.defaultDeferral(10)).isEqualTo(8);
        assertThat(Schedule.defaultMilestones(30)).containsExactly(25, 28);
        assertThat(Schedule.scaledMilestone(160, 200, 10)).isEqualTo(9);
        assertThat(Schedule.scaledMilestone(180, 200, 10)).isEqualTo(10);
        assertThat(Schedule.defaultWarmup(200)).isEqualTo(5);
        assertThat(Schedule.defaultWarmup(30)).isEqualTo(4);
        assertThat(Schedule.defaultWarmup(10)).isEqualTo(2);
        // Warm-up 1 is none: 1-based epoch 1 is not below it.
        assertThat(Schedule.defaultWarmup(2)).isEqualTo(1);
        Schedule ten = new Schedule(10, 128, 0.1, 0.9, 2e-4, 2, Schedule.PAPER_WARMUP_START_FACTOR,
                Schedule.defaultMilestones(10), 0.01);
        assertThat(ten.learningRate(0)).isCloseTo(0.1 * 2 / 3, within(1e-12));
        assertThat(ten.learningRate(7)).isCloseTo(0.1, within(1e-12));
        assertThat(ten.learningRate(8)).isCloseTo(0.001, within(1e-12));
        assertThat(ten.learningRate(9)).isCloseTo(0.00001, within(1e-15));
    }
}
