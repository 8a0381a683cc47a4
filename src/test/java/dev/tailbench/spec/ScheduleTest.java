package dev.tailbench.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    /** The Bag of Tricks CIFAR recipe: 200 epochs, warm-up 5 from lr/3, x0.01 at 160 and 180. */
    private final Schedule paper = new Schedule(200, 128, 0.1, 0.9, 2e-4, 5, Schedule.PAPER_WARMUP_START_FACTOR,
            List.of(160, 180), 0.01);

    @Test
    void warmUpRisesLinearlyFromAThird() {
        assertThat(paper.learningRate(0)).isCloseTo(0.1 / 3, within(1e-12));
        // epoch 2: alpha = 2/5, factor = 1/3 * 3/5 + 2/5 = 0.6
        assertThat(paper.learningRate(2)).isCloseTo(0.06, within(1e-12));
        assertThat(paper.learningRate(5)).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void multiStepDecayAtMilestones() {
        assertThat(paper.learningRate(159)).isCloseTo(0.1, within(1e-12));
        assertThat(paper.learningRate(160)).isCloseTo(0.001, within(1e-12));
        assertThat(paper.learningRate(180)).isCloseTo(0.00001, within(1e-15));
    }

    @Test
    void defaultsScaleWithTheEpochs() {
        assertThat(Schedule.defaultMilestones(200)).containsExactly(160, 180);
        assertThat(Schedule.defaultMilestones(30)).containsExactly(24, 27);
        assertThat(Schedule.defaultWarmup(200)).isEqualTo(5);
        assertThat(Schedule.defaultWarmup(30)).isEqualTo(3);
        assertThat(Schedule.defaultWarmup(2)).isZero();
    }
}
