package dev.tailbench.tricks.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Mixups;
import dev.tailbench.api.Recipe;
import dev.tailbench.tricks.Tricks;

import org.junit.jupiter.api.Test;

class ClassRectificationLossTest {

    /**
     * Eight samples, three classes: class 0 holds five, class 1 two (samples 5 and 6), class 2 one
     * (sample 7). Class 1 scores: sample 5 high (0.79), sample 6 low (0.31: the hard positive);
     * among the others sample 2 scores highest on class 1 (0.86: the hard negative), sample 4 next
     * (0.69).
     */
    private static final double[][] LOGITS = {
        {3, 0, 0},
        {2, 1, 0},
        {0, 2.5, 0},
        {1, 0, 1},
        {0, 1.5, 0},
        {0, 2, 0},
        {1, 0.5, 0},
        {0, 0, 1},
    };
    private static final int[] LABELS = {0, 0, 0, 0, 0, 1, 1, 2};

    @Test
    void minorityClassesAreTheSmallestHoldingAtMostHalfTheBatch() {
        // Counts 5, 2, 1: classes 2 and 1 hold 3 of 8; adding class 0 would hold all 8.
        assertThat(ClassRectificationLoss.minorityClasses(LABELS, 3)).containsExactly(2, 1);
        // Counts 2, 2 (and class 2 absent): 2 of 4 is at most half, 4 of 4 is not; ties by class index.
        assertThat(ClassRectificationLoss.minorityClasses(new int[] {1, 0, 1, 0}, 3)).containsExactly(0);
        // A single class is never a minority of itself.
        assertThat(ClassRectificationLoss.minorityClasses(new int[] {2, 2, 2}, 3)).isEmpty();
    }

    @Test
    void minesTheKnownHardPositiveAndNegative() {
        ClassRectificationLoss loss = new ClassRectificationLoss(0.4, 0.5, 1);
        int[][] triplets = loss.triplets(scores(LOGITS), LABELS, 3);
        // Class 2 has one sample: no positive other than the anchor. Class 1: anchor 5, hard
        // positive 6, hard negative 2 (flat indices i * 3 + 1).
        assertThat(triplets[0]).containsExactly(5 * 3 + 1);
        assertThat(triplets[1]).containsExactly(6 * 3 + 1);
        assertThat(triplets[2]).containsExactly(2 * 3 + 1);

        int[][] wider = new ClassRectificationLoss(0.4, 0.5, 2).triplets(scores(LOGITS), LABELS, 3);
        // k = 2: both class-1 samples are positives, samples 2 and 4 the negatives; each anchor
        // pairs with the other positive: (5, 6, 2), (5, 6, 4), (6, 5, 2), (6, 5, 4).
        assertThat(wider[0]).containsExactly(16, 16, 19, 19);
        assertThat(wider[1]).containsExactly(19, 19, 16, 16);
        assertThat(wider[2]).containsExactly(7, 13, 7, 13);
    }

    @Test
    void valueAndGradientByHand() {
        double alpha = 0.4;
        double margin = 0.5;
        LossCheck.Outcome outcome = LossCheck.run(new ClassRectificationLoss(alpha, margin, 1), LOGITS, LABELS);
        // The one triplet (5, 6, 2) on class 1: p_1 = 0.787, 0.307, 0.859, so
        // max(0, 0.5 + (0.787 - 0.307) - (0.787 - 0.859)) = 0.5 + 0.859 - 0.307 = 1.052.
        double[][] p = softmax(LOGITS);
        double hinge = margin + (p[5][1] - p[6][1]) - (p[5][1] - p[2][1]);
        assertThat(hinge).isCloseTo(1.052, within(1e-3));
        double expected = (1 - alpha) * meanCrossEntropy(LOGITS) + alpha * hinge;
        LossCheck.assertValue(outcome.value(), expected);
        double[][] numeric = LossCheck.centralDifference(z -> {
            double[][] q = softmax(z);
            return (1 - alpha) * meanCrossEntropy(z)
                    + alpha * Math.max(0, margin + (q[5][1] - q[6][1]) - (q[5][1] - q[2][1]));
        }, LOGITS);
        LossCheck.assertGradient(outcome.gradient(), numeric);
        // Each share is (1 - alpha) CE_i + alpha L_crl.
        for (int i = 0; i < LABELS.length; i++) {
            assertThat(outcome.perSample()[i]).isCloseTo(
                    (1 - alpha) * LossCheck.crossEntropy(LOGITS[i], LABELS[i]) + alpha * hinge, within(1e-5));
        }
    }

    @Test
    void fourTripletsAveraged() {
        double[][] p = softmax(LOGITS);
        double m = 0.2;
        double sum = 0;
        int[][] abn = {{5, 6, 2}, {5, 6, 4}, {6, 5, 2}, {6, 5, 4}};
        for (int[] t : abn) {
            sum += Math.max(0, m + (p[t[0]][1] - p[t[1]][1]) - (p[t[0]][1] - p[t[2]][1]));
        }
        LossCheck.Outcome outcome = LossCheck.run(new ClassRectificationLoss(1, m, 2), LOGITS, LABELS);
        LossCheck.assertValue(outcome.value(), sum / 4);
    }

    @Test
    void anAnchorBelowItsHardNegativeIsNotPushedDown() {
        // Anchor 5 scores 0.787 on class 1, below hard negative 2 (0.859). An absolute distance
        // would lower the anchor's score (and raise the negative's) to widen |p(a) - p(-)|; the
        // signed distance leaves the anchor alone, raises the hard positive and lowers the negative.
        LossCheck.Outcome outcome = LossCheck.run(new ClassRectificationLoss(1, 0.5, 1), LOGITS, LABELS);
        double[][] gradient = outcome.gradient();
        assertThat(gradient[5]).containsExactly(new double[] {0, 0, 0}, within(1e-9));
        assertThat(gradient[6][1]).isNegative();
        assertThat(gradient[2][1]).isPositive();
    }

    @Test
    void aBatchWithoutTripletsIsWeightedCrossEntropy() {
        double[][] logits = {{1, 0}, {0, 2}, {0.5, 0.5}};
        int[] labels = {0, 0, 1};
        // Class 1 is the minority with one sample: no triplet.
        LossCheck.Outcome outcome = LossCheck.run(new ClassRectificationLoss(0.3, 0.5, 5), logits, labels);
        LossCheck.assertValue(outcome.value(), 0.7 * meanCrossEntropy(logits, labels));
    }

    @Test
    void alphaIsEtaTimesTheImbalance() {
        // 100, 10, 1 of 111 against 1/3 each: only class 0 is above, by 100/111 - 1/3.
        assertThat(ClassRectificationLoss.imbalance(LossCheck.COUNTS)).isCloseTo(100.0 / 111 - 1.0 / 3, within(1e-12));
        assertThat(ClassRectificationLoss.imbalance(new int[] {5, 5})).isZero();
        ClassRectificationLoss loss = (ClassRectificationLoss) Tricks.loss(Losses.classRectification(0.5, 0.5, 5),
                LossCheck.COUNTS);
        assertThat(loss.alpha()).isCloseTo(0.5 * (100.0 / 111 - 1.0 / 3), within(1e-12));
    }

    @Test
    void refusesOutOfRangeParametersAndMixup() {
        assertThatThrownBy(() -> Losses.classRectification(1.5, 0.5, 5)).hasMessageContaining("class-rectification")
                .hasMessageContaining("eta");
        assertThatThrownBy(() -> Losses.classRectification(1, -0.1, 5)).hasMessageContaining("margin");
        assertThatThrownBy(() -> Losses.classRectification(1, 0.5, 0)).hasMessageContaining("hardSamples");
        assertThatThrownBy(() -> Recipe.builder().optLoss(Losses.classRectification())
                .optMixup(Mixups.input()).build()).hasMessageContaining("class-rectification")
                .hasMessageContaining("mixup");
    }

    private static double[][] softmax(double[][] logits) {
        double[][] p = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            double norm = LossCheck.logSumExp(logits[i]);
            p[i] = new double[logits[i].length];
            for (int c = 0; c < p[i].length; c++) {
                p[i][c] = Math.exp(logits[i][c] - norm);
            }
        }
        return p;
    }

    private static float[] scores(double[][] logits) {
        double[][] p = softmax(logits);
        float[] flat = new float[p.length * p[0].length];
        for (int i = 0; i < p.length; i++) {
            for (int c = 0; c < p[0].length; c++) {
                flat[i * p[0].length + c] = (float) p[i][c];
            }
        }
        return flat;
    }

    private static double meanCrossEntropy(double[][] logits) {
        return meanCrossEntropy(logits, LABELS);
    }

    private static double meanCrossEntropy(double[][] logits, int[] labels) {
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            sum += LossCheck.crossEntropy(logits[i], labels[i]);
        }
        return sum / logits.length;
    }
}
