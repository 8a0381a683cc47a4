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

class WeightedCrossEntropyLossTest {

    /** PyTorch's cross_entropy(weight = w): sum_i w_yi l_i / sum_i w_yi, in doubles. */
    private static double weightedMean(double[][] z, int[] labels, double[] w) {
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < z.length; i++) {
            numerator += w[labels[i]] * LossCheck.crossEntropy(z[i], labels[i]);
            denominator += w[labels[i]];
        }
        return numerator / denominator;
    }

    @Test
    void costSensitiveWeightsAreTheSmallestCountOverEachCountToTheGamma() {
        // n_min = 1: gamma 1 gives 1/100, 1/10, 1; gamma 0.5 gives 0.1, sqrt(0.1) = 0.316228, 1.
        assertThat(ClassWeights.costSensitive("cost-sensitive", COUNTS, 1))
                .containsExactly(new double[] {0.01, 0.1, 1}, within(1e-15));
        assertThat(ClassWeights.costSensitive("cost-sensitive", COUNTS, 0.5))
                .containsExactly(new double[] {0.1, 0.31622776601683794, 1}, within(1e-15));
    }

    @Test
    void classBalancedWeightsAreInverseEffectiveNumbersSummingToTheClassCount() {
        // beta 0.9: (1 - 0.9) / (1 - 0.9^n) = 0.1 / (1 - 2.6561e-5), 0.1 / 0.65132156, 0.1 / 0.1
        //   = 0.1000027, 0.1535343, 1; sum 1.2535370; times 3 / sum = 0.2393292, 0.3674420, 2.3932288.
        assertThat(ClassWeights.classBalanced("class-balanced", COUNTS, 0.9))
                .containsExactly(new double[] {0.2393292360088335, 0.3674419730958617, 2.3932287908953045}, within(1e-12));
        // beta 0 weighs every class 1.
        assertThat(ClassWeights.classBalanced("class-balanced", COUNTS, 0))
                .containsExactly(new double[] {1, 1, 1}, within(1e-15));
    }

    @Test
    void costSensitiveValueGradientAndSharesMatchTheWeightedMean() {
        double[] w = {0.01, 0.1, 1};
        LossCheck.Outcome outcome = LossCheck.run(Tricks.loss(Losses.costSensitive(), COUNTS), LOGITS, LABELS);
        double expected = weightedMean(LOGITS, LABELS, w);
        LossCheck.assertValue(outcome.value(), expected);
        // Sample i's share is N w_yi l_i / sum_j w_yj; here sum_j w_yj = 0.01 + 0.1 + 1 + 1 = 2.11.
        for (int i = 0; i < LABELS.length; i++) {
            double share = 4 * w[LABELS[i]] * LossCheck.crossEntropy(LOGITS[i], LABELS[i]) / 2.11;
            assertThat(outcome.perSample()[i]).as("share %d", i).isCloseTo(share, within(1e-5 * Math.max(1, share)));
        }
        LossCheck.assertValue(LossCheck.mean(outcome.perSample()), expected);
        // Analytic gradient of the weighted mean: w_yi (softmax(z_i) - onehot(y_i)) / sum_j w_yj.
        double[][] analytic = new double[4][3];
        for (int i = 0; i < 4; i++) {
            double lse = LossCheck.logSumExp(LOGITS[i]);
            for (int c = 0; c < 3; c++) {
                double p = Math.exp(LOGITS[i][c] - lse);
                analytic[i][c] = w[LABELS[i]] * (p - (c == LABELS[i] ? 1 : 0)) / 2.11;
            }
        }
        LossCheck.assertGradient(outcome.gradient(), analytic);
    }

    @Test
    void classBalancedValueAndGradientMatchTheWeightedMean() {
        double beta = 0.9999;
        // Weights (0.0271587, 0.2703689, 2.7024724), from the formula in doubles.
        double[] w = {0.027158721622260334, 0.2703688739931705, 2.7024724043845696};
        LossCheck.Outcome outcome = LossCheck.run(Tricks.loss(Losses.classBalanced(beta), COUNTS), LOGITS, LABELS);
        LossCheck.assertValue(outcome.value(), weightedMean(LOGITS, LABELS, w));
        LossCheck.assertValue(LossCheck.mean(outcome.perSample()), outcome.value());
        LossCheck.assertGradient(outcome.gradient(),
                LossCheck.centralDifference(z -> weightedMean(z, LABELS, w), LOGITS));
    }

    @Test
    void sharesOfABatchOfOneClassAreThePlainCrossEntropies() {
        // All weights of the batch equal: the weighted mean is the plain mean, each share l_i.
        int[] labels = {1, 1, 1, 1};
        LossCheck.Outcome outcome = LossCheck.run(WeightedCrossEntropyLoss.costSensitive(COUNTS, 1), LOGITS, labels);
        for (int i = 0; i < 4; i++) {
            assertThat(outcome.perSample()[i]).isCloseTo(LossCheck.crossEntropy(LOGITS[i], 1), within(1e-5));
        }
    }

    @Test
    void refusesAClassWithoutImagesNamingTheLossAndTheClass() {
        assertThatThrownBy(() -> Tricks.loss(Losses.costSensitive(), new int[] {5, 0, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cost-sensitive").hasMessageContaining("class 1");
        assertThatThrownBy(() -> Tricks.loss(Losses.classBalanced(), new int[] {5, 3, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class-balanced").hasMessageContaining("class 2");
    }

    @Test
    void refusesLogitsWithAnotherClassCount() {
        double[][] twoClasses = {{1, 2}};
        assertThatThrownBy(() -> LossCheck.run(WeightedCrossEntropyLoss.costSensitive(COUNTS, 1), twoClasses, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cost-sensitive").hasMessageContaining("3 classes");
    }
}
