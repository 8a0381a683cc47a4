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

class LogitAdjustedLossTest {

    @Test
    void oneSampleByHand() {
        // Counts 3 and 1 (priors 3/4, 1/4), tau 2, zero logits, label 1: adjusted logits
        // (2 ln 3/4, 2 ln 1/4), so p_1 = (1/16) / (9/16 + 1/16) = 1/10: loss ln 10;
        // gradient (9/10, 1/10 - 1).
        LossCheck.Outcome outcome = LossCheck.run(new LogitAdjustedLoss(new int[] {3, 1}, 2),
                new double[][] {{0, 0}}, new int[] {1});
        assertThat(outcome.value()).isCloseTo(Math.log(10), within(1e-6));
        assertThat(outcome.gradient()[0]).containsExactly(new double[] {0.9, -0.9}, within(1e-6));
    }

    @Test
    void valueAndAnalyticGradient() {
        double tau = 1.5;
        LossCheck.Outcome outcome = LossCheck.run(Tricks.loss(Losses.logitAdjusted(tau), COUNTS), LOGITS, LABELS);
        double total = 0;
        for (int count : COUNTS) {
            total += count;
        }
        double sum = 0;
        double[][] analytic = new double[4][3];
        for (int i = 0; i < 4; i++) {
            double[] p = new double[3];
            double denominator = 0;
            for (int c = 0; c < 3; c++) {
                p[c] = Math.pow(COUNTS[c] / total, tau) * Math.exp(LOGITS[i][c]);
                denominator += p[c];
            }
            sum += -Math.log(p[LABELS[i]] / denominator);
            for (int c = 0; c < 3; c++) {
                analytic[i][c] = (p[c] / denominator - (c == LABELS[i] ? 1 : 0)) / 4;
            }
        }
        LossCheck.assertValue(outcome.value(), sum / 4);
        LossCheck.assertGradient(outcome.gradient(), analytic);
    }

    /** tau 1: the priors differ from balanced softmax's counts by the factor N, which the softmax ignores. */
    @Test
    void tauOneIsBalancedSoftmax() {
        LossCheck.Outcome adjusted = LossCheck.run(Tricks.loss(Losses.logitAdjusted(), COUNTS), LOGITS, LABELS);
        LossCheck.Outcome balanced = LossCheck.run(Tricks.loss(Losses.balancedSoftmax(), COUNTS), LOGITS, LABELS);
        LossCheck.assertValue(adjusted.value(), balanced.value());
        LossCheck.assertGradient(adjusted.gradient(), balanced.gradient());
    }

    @Test
    void tauZeroIsCrossEntropy() {
        LossCheck.Outcome adjusted = LossCheck.run(Tricks.loss(Losses.logitAdjusted(0), COUNTS), LOGITS, LABELS);
        LossCheck.Outcome plain = LossCheck.run(Tricks.loss(Losses.crossEntropy(), COUNTS), LOGITS, LABELS);
        LossCheck.assertValue(adjusted.value(), plain.value());
    }

    @Test
    void refusesANegativeTauAndAnEmptyClass() {
        assertThatThrownBy(() -> Losses.logitAdjusted(-1)).hasMessageContaining("logit-adjusted")
                .hasMessageContaining("tau");
        assertThatThrownBy(() -> Tricks.loss(Losses.logitAdjusted(), new int[] {4, 0, 1}))
                .hasMessageContaining("logit-adjusted").hasMessageContaining("class 1");
    }
}
