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

class FocalLossTest {

    /**
     * The reference's sigmoid focal loss in doubles, written the textbook way:
     * sum_i w_yi sum_c -(1 - p_t)^gamma log p_t / N with p = 1 / (1 + e^-z), p_t = p for the
     * label's class and 1 - p for the others.
     */
    private static double focal(double[][] z, int[] labels, double gamma, double[] w) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            for (int c = 0; c < z[i].length; c++) {
                double p = 1 / (1 + Math.exp(-z[i][c]));
                double pt = c == labels[i] ? p : 1 - p;
                sum += w[labels[i]] * -Math.pow(1 - pt, gamma) * Math.log(pt);
            }
        }
        return sum / z.length;
    }

    @Test
    void focalMatchesTheSigmoidFormAndItsDerivative() {
        double[] ones = {1, 1, 1};
        LossCheck.Outcome outcome = LossCheck.run(Tricks.loss(Losses.focal(), COUNTS), LOGITS, LABELS);
        LossCheck.assertValue(outcome.value(), focal(LOGITS, LABELS, 2, ones));
        LossCheck.assertValue(LossCheck.mean(outcome.perSample()), outcome.value());
        LossCheck.assertGradient(outcome.gradient(),
                LossCheck.centralDifference(z -> focal(z, LABELS, 2, ones), LOGITS));
    }

    @Test
    void oneSampleByHand() {
        // z = (0, ln 3), label 0, gamma 1. Class 0: p = 1/2, p_t = 1/2, (1/2) * ln 2.
        // Class 1: p = 3/4, p_t = 1/4, (3/4) * ln 4. Sum (1/2) ln 2 + (3/2) ln 2 = 2 ln 2.
        double[][] z = {{0, Math.log(3)}};
        LossCheck.Outcome outcome = LossCheck.run(FocalLoss.unweighted(2, 1), z, new int[] {0});
        assertThat(outcome.value()).isCloseTo(2 * Math.log(2), within(1e-6));
        // d/dz of (1 - p) * -log p for the true class with p = sigmoid(z):
        // p (1 - p) log p - (1 - p)^2 = (1/4) ln(1/2) - 1/4 at z = 0.
        assertThat(outcome.gradient()[0][0]).isCloseTo(0.25 * Math.log(0.5) - 0.25, within(1e-6));
    }

    @Test
    void gammaZeroIsTheSumOfBinaryCrossEntropies() {
        double[] ones = {1, 1, 1};
        LossCheck.Outcome outcome = LossCheck.run(FocalLoss.unweighted(3, 0), LOGITS, LABELS);
        LossCheck.assertValue(outcome.value(), focal(LOGITS, LABELS, 0, ones));
    }

    @Test
    void costSensitiveFocalWeighsEachSampleByItsClass() {
        // weights (n_min / n_c)^1 = 0.01, 0.1, 1: factors of each sample's sum, not a weighted mean.
        double[] w = {0.01, 0.1, 1};
        LossCheck.Outcome outcome = LossCheck.run(Tricks.loss(Losses.costSensitiveFocal(2, 1), COUNTS), LOGITS, LABELS);
        LossCheck.assertValue(outcome.value(), focal(LOGITS, LABELS, 2, w));
        LossCheck.assertValue(LossCheck.mean(outcome.perSample()), outcome.value());
        LossCheck.assertGradient(outcome.gradient(),
                LossCheck.centralDifference(z -> focal(z, LABELS, 2, w), LOGITS));
    }

    @Test
    void classBalancedFocalUsesTheNormalisedClassBalancedWeights() {
        double[] w = {0.2393292360088335, 0.3674419730958617, 2.3932287908953045}; // beta 0.9, see ClassWeights
        LossCheck.Outcome outcome = LossCheck.run(Tricks.loss(Losses.classBalancedFocal(0.9, 1), COUNTS), LOGITS, LABELS);
        LossCheck.assertValue(outcome.value(), focal(LOGITS, LABELS, 1, w));
        LossCheck.assertGradient(outcome.gradient(),
                LossCheck.centralDifference(z -> focal(z, LABELS, 1, w), LOGITS));
    }

    @Test
    void staysFiniteForSaturatedLogits() {
        // Right with z = 120: every term is about e^-120 (1 + ...), the loss ~ 0 and its gradient
        // ~ 0; wrong with z = -120 on the true class: BCE 120, (1 - p_t)^gamma = 1, gradient -1
        // (d/dz of -log sigmoid(z) = sigmoid(z) - 1), divided by N = 2.
        double[][] z = {{120, -120}, {-120, -120}};
        LossCheck.Outcome outcome = LossCheck.run(FocalLoss.unweighted(2, 0.5), z, new int[] {0, 0});
        assertThat(outcome.value()).isCloseTo(120.0 / 2, within(1e-4));
        assertThat(outcome.gradient()[0]).containsExactly(new double[] {0, 0}, within(1e-6));
        assertThat(outcome.gradient()[1][0]).isCloseTo(-0.5, within(1e-6));
        assertThat(outcome.gradient()[1][1]).isCloseTo(0, within(1e-6));
    }

    @Test
    void refusesAClassWithoutImagesWhenWeighted() {
        assertThatThrownBy(() -> Tricks.loss(Losses.classBalancedFocal(), new int[] {0, 4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class-balanced-focal").hasMessageContaining("class 0");
        // Unweighted focal needs no counts.
        assertThat(Tricks.loss(Losses.focal(), new int[] {0, 4})).isInstanceOf(FocalLoss.class);
    }
}
