package dev.tailbench.tricks.loss;

import static dev.tailbench.tricks.loss.LossCheck.COUNTS;
import static dev.tailbench.tricks.loss.LossCheck.LABELS;
import static dev.tailbench.tricks.loss.LossCheck.LOGITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tailbench.api.Losses;
import dev.tailbench.tricks.Tricks;

import org.junit.jupiter.api.Test;

class BalancedSoftmaxLossTest {

    /** -log(n_y e^z_y / sum_k n_k e^z_k), written with the counts as factors, in doubles. */
    private static double balancedSoftmax(double[] z, int label) {
        double denominator = 0;
        for (int c = 0; c < z.length; c++) {
            denominator += COUNTS[c] * Math.exp(z[c]);
        }
        return -Math.log(COUNTS[label] * Math.exp(z[label]) / denominator);
    }

    @Test
    void oneSampleByHand() {
        // Counts 3 and 1, zero logits, label 1: p = 1 / (3 + 1), loss ln 4; gradient (3/4, 1/4 - 1).
        LossCheck.Outcome outcome = LossCheck.run(new BalancedSoftmaxLoss(new int[] {3, 1}),
                new double[][] {{0, 0}}, new int[] {1});
        assertThat(outcome.value()).isCloseTo(Math.log(4), within(1e-6));
        assertThat(outcome.gradient()[0]).containsExactly(new double[] {0.75, -0.75}, within(1e-6));
    }

    @Test
    void valueAndAnalyticGradient() {
        LossCheck.Outcome outcome = LossCheck.run(Tricks.loss(Losses.balancedSoftmax(), COUNTS), LOGITS, LABELS);
        double sum = 0;
        double[][] analytic = new double[4][3];
        for (int i = 0; i < 4; i++) {
            sum += balancedSoftmax(LOGITS[i], LABELS[i]);
            double denominator = 0;
            for (int c = 0; c < 3; c++) {
                denominator += COUNTS[c] * Math.exp(LOGITS[i][c]);
            }
            // d/dz_c = (n_c e^z_c / sum_k n_k e^z_k - onehot_c) / N
            for (int c = 0; c < 3; c++) {
                analytic[i][c] = (COUNTS[c] * Math.exp(LOGITS[i][c]) / denominator - (c == LABELS[i] ? 1 : 0)) / 4;
            }
        }
        LossCheck.assertValue(outcome.value(), sum / 4);
        LossCheck.assertValue(LossCheck.mean(outcome.perSample()), outcome.value());
        LossCheck.assertGradient(outcome.gradient(), analytic);
    }

    @Test
    void refusesAClassWithoutImages() {
        assertThatThrownBy(() -> Tricks.loss(Losses.balancedSoftmax(), new int[] {4, 0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("balanced-softmax").hasMessageContaining("class 1");
    }
}
