package dev.tailbench.tricks.loss;

import static dev.tailbench.tricks.loss.LossCheck.COUNTS;
import static dev.tailbench.tricks.loss.LossCheck.LABELS;
import static dev.tailbench.tricks.loss.LossCheck.LOGITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tailbench.api.Losses;
import dev.tailbench.tricks.Tricks;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SoftmaxEqualizationLossTest {

    /**
     * Class fractions of counts 100, 10, 1 are 0.901, 0.0901, 0.00901: with lambda 0.05 only
     * class 2 is rare.
     */
    private static final boolean[] RARE = {false, false, true};

    /**
     * -log p_y with every rare class other than y left out of the softmax (all betas 1),
     * averaged, in doubles.
     */
    private static double withoutRareNegatives(double[][] z, int[] labels) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double denominator = 0;
            for (int c = 0; c < z[i].length; c++) {
                if (c == labels[i] || !RARE[c]) {
                    denominator += Math.exp(z[i][c]);
                }
            }
            sum += -Math.log(Math.exp(z[i][labels[i]]) / denominator);
        }
        return sum / z.length;
    }

    private static double crossEntropy(double[][] z, int[] labels) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            sum += LossCheck.crossEntropy(z[i], labels[i]);
        }
        return sum / z.length;
    }

    @Test
    void rareClassesAreThoseWithAFractionBelowLambda() {
        assertThat(SoftmaxEqualizationLoss.fromCounts(COUNTS, 0.9, 0.05).rareClasses()).containsExactly(RARE);
        // 10 / 111 = 0.090 < 0.1 as well
        assertThat(SoftmaxEqualizationLoss.fromCounts(COUNTS, 0.9, 0.1).rareClasses()).containsExactly(false, true, true);
    }

    @Test
    void gammaZeroIsCrossEntropy() {
        LossCheck.Outcome outcome = LossCheck.run(Tricks.loss(Losses.softmaxEqualization(0, 0.05), COUNTS), LOGITS, LABELS, 3);
        LossCheck.assertValue(outcome.value(), crossEntropy(LOGITS, LABELS));
        LossCheck.assertGradient(outcome.gradient(), LossCheck.centralDifference(z -> crossEntropy(z, LABELS), LOGITS));
    }

    @Test
    void gammaOneDropsEveryRareNegative() {
        LossCheck.Outcome outcome = LossCheck.run(Tricks.loss(Losses.softmaxEqualization(1, 0.05), COUNTS), LOGITS, LABELS, 3);
        LossCheck.assertValue(outcome.value(), withoutRareNegatives(LOGITS, LABELS));
        LossCheck.assertGradient(outcome.gradient(),
                LossCheck.centralDifference(z -> withoutRareNegatives(z, LABELS), LOGITS));
        // Sample 0 (label 0): z = (2, -1, [0.5 dropped]), loss ln(1 + e^-3) = 0.048587;
        // its gradient on the dropped class is 0.
        assertThat(outcome.perSample()[0]).isCloseTo(Math.log(1 + Math.exp(-3)), within(1e-6));
        assertThat(outcome.gradient()[0][2]).isZero();
        // Samples of the rare class keep it: sample 2 is plain cross-entropy.
        assertThat(outcome.perSample()[2]).isCloseTo(LossCheck.crossEntropy(LOGITS[2], 2), within(1e-6));
    }

    @Test
    void staysFiniteForLargeLogits() {
        // e^1000 overflows: the reference's exp(z) / sum(w exp(z)) gives inf / inf = NaN here.
        // Sample 0 (label 0, class 2 dropped): ln(e^1000 + e^999) - 1000 = ln(1 + e^-1) = 0.313262.
        // Sample 1 (label 1): ln(e^1000.5 + e^1000) - 1000 = 0.5 + ln(1 + e^-0.5) = 0.974077.
        double[][] z = {{1000, 999, 1001}, {1000.5, 1000, 998}};
        int[] labels = {0, 1};
        LossCheck.Outcome outcome = LossCheck.run(SoftmaxEqualizationLoss.fromCounts(COUNTS, 1, 0.05), z, labels, 3);
        assertThat(outcome.value()).isCloseTo((Math.log(1 + Math.exp(-1)) + 0.5 + Math.log(1 + Math.exp(-0.5))) / 2,
                within(1e-4));
        // Randomly dropped: still finite, value and gradient.
        LossCheck.Outcome random = LossCheck.run(SoftmaxEqualizationLoss.fromCounts(COUNTS, 0.5, 0.05), z, labels, 11);
        assertThat(random.value()).isFinite();
        for (double[] row : random.gradient()) {
            assertThat(Arrays.stream(row).allMatch(Double::isFinite)).as("gradient %s", Arrays.toString(row)).isTrue();
        }
    }

    @Test
    void perSampleMeanEqualsEvaluateUnderTheSameSeed() {
        LossCheck.Outcome outcome = LossCheck.run(SoftmaxEqualizationLoss.fromCounts(COUNTS, 0.5, 0.1), LOGITS, LABELS, 5);
        LossCheck.assertValue(LossCheck.mean(outcome.perSample()), outcome.value());
    }

    @Test
    void dropsARareNegativeWithProbabilityGamma() {
        // 400 copies of sample 0: each sample's loss is either the full cross-entropy (class 2
        // kept, beta 0) or ln(1 + e^-3) (dropped, beta 1); about gamma of them are dropped.
        int n = 400;
        double[][] z = new double[n][];
        int[] labels = new int[n];
        Arrays.fill(z, LOGITS[0]);
        double kept = LossCheck.crossEntropy(LOGITS[0], 0);
        double dropped = Math.log(1 + Math.exp(-3));
        LossCheck.Outcome outcome = LossCheck.run(SoftmaxEqualizationLoss.fromCounts(COUNTS, 0.3, 0.05), z, labels, 17);
        int droppedCount = 0;
        for (double share : outcome.perSample()) {
            boolean isDropped = Math.abs(share - dropped) < 1e-5;
            assertThat(isDropped || Math.abs(share - kept) < 1e-5).as("share %s is one of the two", share).isTrue();
            droppedCount += isDropped ? 1 : 0;
        }
        // Binomial(400, 0.3): mean 120, standard deviation 9.2.
        assertThat(droppedCount).isBetween(80, 160);
    }

    @Test
    void refusesATrainingSetWithoutImages() {
        assertThatThrownBy(() -> Tricks.loss(Losses.softmaxEqualization(), new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("softmax-equalization");
    }
}
