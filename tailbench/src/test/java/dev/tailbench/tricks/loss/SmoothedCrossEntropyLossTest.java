package dev.tailbench.tricks.loss;

import static dev.tailbench.tricks.loss.LossCheck.COUNTS;
import static dev.tailbench.tricks.loss.LossCheck.LABELS;
import static dev.tailbench.tricks.loss.LossCheck.LOGITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tailbench.api.Losses;
import dev.tailbench.tricks.Tricks;

import org.junit.jupiter.api.Test;

class SmoothedCrossEntropyLossTest {

    /**
     * Cross-entropy against explicit smoothed target vectors t = (1 - s_y) onehot + s_y / C,
     * sum_c -t_c log p_c, averaged over the batch (the reference's
     * {@code (-targets * log_probs).mean(0).sum()}).
     */
    private static double smoothedCrossEntropy(double[][] z, int[] labels, double[] s) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            int classes = z[i].length;
            double lse = LossCheck.logSumExp(z[i]);
            for (int c = 0; c < classes; c++) {
                double target = (c == labels[i] ? 1 - s[labels[i]] : 0) + s[labels[i]] / classes;
                sum += -target * (z[i][c] - lse);
            }
        }
        return sum / z.length;
    }

    @Test
    void labelSmoothingMatchesSmoothedTargetsAndTheirGradient() {
        double[] s = {0.1, 0.1, 0.1};
        LossCheck.Outcome outcome = LossCheck.run(Tricks.loss(Losses.labelSmoothing(), COUNTS), LOGITS, LABELS);
        LossCheck.assertValue(outcome.value(), smoothedCrossEntropy(LOGITS, LABELS, s));
        LossCheck.assertValue(LossCheck.mean(outcome.perSample()), outcome.value());
        // Analytic: (softmax(z_i) - t_i) / N.
        double[][] analytic = new double[4][3];
        for (int i = 0; i < 4; i++) {
            double lse = LossCheck.logSumExp(LOGITS[i]);
            for (int c = 0; c < 3; c++) {
                double target = (c == LABELS[i] ? 0.9 : 0) + 0.1 / 3;
                analytic[i][c] = (Math.exp(LOGITS[i][c] - lse) - target) / 4;
            }
        }
        LossCheck.assertGradient(outcome.gradient(), analytic);
    }

    @Test
    void uniformLogitsGiveLogOfTheClassCountWhateverTheSmoothing() {
        // p_c = 1/3 for every class, so every target mixes -log(1/3) = ln 3.
        double[][] z = {{0, 0, 0}};
        LossCheck.Outcome outcome = LossCheck.run(SmoothedCrossEntropyLoss.labelSmoothing(3, 0.3), z, new int[] {1});
        assertThat(outcome.value()).isCloseTo(Math.log(3), within(1e-6));
    }

    @Test
    void labelAwareFactorsFollowTheShapeFromTailToHead() {
        // x_c = (n_c - 1) / 99 = 1, 9/99, 0 for counts 100, 10, 1; head 0.4, tail 0.1.
        // concave 0.1 + 0.3 sin(x pi / 2): 0.4, 0.1 + 0.3 sin(0.142800) = 0.142694, 0.1
        assertThat(SmoothedCrossEntropyLoss.labelAwareFactors(COUNTS, 0.4, 0.1, "concave"))
                .containsExactly(new double[] {0.4, 0.14269445148198556, 0.1}, within(1e-12));
        // linear 0.1 + 0.3 x: 0.4, 0.1 + 0.3 * 0.090909 = 0.127273, 0.1
        assertThat(SmoothedCrossEntropyLoss.labelAwareFactors(COUNTS, 0.4, 0.1, "linear"))
                .containsExactly(new double[] {0.4, 0.1272727272727273, 0.1}, within(1e-12));
        // convex 0.4 + 0.3 sin(3 pi / 2 + x pi / 2) = 0.4 - 0.3 cos(x pi / 2): 0.4, 0.103054, 0.1
        assertThat(SmoothedCrossEntropyLoss.labelAwareFactors(COUNTS, 0.4, 0.1, "convex"))
                .containsExactly(new double[] {0.4, 0.1030535674357202, 0.1}, within(1e-12));
    }

    @Test
    void labelAwareFactorsGiveEveryClassTheHeadWhenAllCountsAreEqual() {
        // The reference divides by n_max - n_min = 0 here and gets NaN.
        assertThat(SmoothedCrossEntropyLoss.labelAwareFactors(new int[] {7, 7, 7}, 0.4, 0.1, "concave"))
                .containsExactly(0.4, 0.4, 0.4);
    }

    @Test
    void labelAwareSmoothingMatchesPerClassSmoothedTargets() {
        double[] s = {0.4, 0.14269445148198556, 0.1};
        LossCheck.Outcome outcome = LossCheck.run(Tricks.loss(Losses.labelAwareSmoothing(), COUNTS), LOGITS, LABELS);
        LossCheck.assertValue(outcome.value(), smoothedCrossEntropy(LOGITS, LABELS, s));
        LossCheck.assertValue(LossCheck.mean(outcome.perSample()), outcome.value());
        LossCheck.assertGradient(outcome.gradient(),
                LossCheck.centralDifference(z -> smoothedCrossEntropy(z, LABELS, s), LOGITS));
    }

    @Test
    void labelAwareSmoothingAcceptsAClassWithoutImages() {
        // Its formula needs no n_c > 0: counts 0, 5, 10 give x = 0, 1/2, 1 (linear 0.1, 0.25, 0.4).
        assertThat(SmoothedCrossEntropyLoss.labelAwareFactors(new int[] {0, 5, 10}, 0.4, 0.1, "linear"))
                .containsExactly(new double[] {0.1, 0.25, 0.4}, within(1e-12));
    }
}
