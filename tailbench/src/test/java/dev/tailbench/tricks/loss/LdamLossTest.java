package dev.tailbench.tricks.loss;

import static dev.tailbench.tricks.loss.LossCheck.COUNTS;
import static dev.tailbench.tricks.loss.LossCheck.LABELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tailbench.api.Losses;
import dev.tailbench.tricks.Tricks;

import org.junit.jupiter.api.Test;

class LdamLossTest {

    /** Cosine logits in [-1, 1], exact in float32, as LDAM's classifier produces them. */
    private static final double[][] COSINES = {
        {0.5, -0.25, 0.125},
        {0.25, 0.75, -0.5},
        {-0.5, 0.0, 0.375},
        {0.625, 0.5, -0.875},
    };

    /** Margins for counts 100, 10, 1 and max margin 0.5; see {@link #marginsByHand}. */
    private static final double[] MARGINS = {0.15811388300841897, 0.28117066259517454, 0.5};

    /** s (z - m_y onehot), then cross-entropy weighted by w as PyTorch reduces it, in doubles. */
    private static double ldam(double[][] z, int[] labels, double s, double[] w) {
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < z.length; i++) {
            double[] adjusted = new double[z[i].length];
            for (int c = 0; c < adjusted.length; c++) {
                adjusted[c] = s * (z[i][c] - (c == labels[i] ? MARGINS[c] : 0));
            }
            numerator += w[labels[i]] * LossCheck.crossEntropy(adjusted, labels[i]);
            denominator += w[labels[i]];
        }
        return numerator / denominator;
    }

    @Test
    void marginsByHand() {
        // n^(-1/4): 100 -> 0.316228, 10 -> 0.562341, 1 -> 1; scaled so the largest is 0.5:
        // 0.158114, 0.281171, 0.5.
        assertThat(LdamLoss.margins(COUNTS, 0.5)).containsExactly(MARGINS, within(1e-12));
    }

    @Test
    void unweightedValueAndGradient() {
        double[] ones = {1, 1, 1};
        LdamLoss loss = (LdamLoss) Tricks.loss(Losses.ldam(), COUNTS);
        assertThat(loss.classWeights()).containsExactly(1, 1, 1);
        LossCheck.Outcome outcome = LossCheck.run(loss, COSINES, LABELS);
        LossCheck.assertValue(outcome.value(), ldam(COSINES, LABELS, 30, ones));
        LossCheck.assertValue(LossCheck.mean(outcome.perSample()), outcome.value());
        LossCheck.assertGradient(outcome.gradient(),
                LossCheck.centralDifference(z -> ldam(z, LABELS, 30, ones), COSINES));
    }

    @Test
    void oneSampleByHand() {
        // Counts 1 and 1: both margins 0.5. z = (0.5, 0), label 0, s = 2:
        // adjusted (2 * 0, 0) = (0, 0), loss ln 2, gradient s (1/2 - 1, 1/2) = (-1, 1).
        LossCheck.Outcome outcome = LossCheck.run(LdamLoss.fromCounts(new int[] {1, 1}, 2, 0.5, 0),
                new double[][] {{0.5, 0}}, new int[] {0});
        assertThat(outcome.value()).isCloseTo(Math.log(2), within(1e-6));
        assertThat(outcome.gradient()[0]).containsExactly(new double[] {-1, 1}, within(1e-6));
    }

    @Test
    void classBalancedWeightsForTheDeferredStage() {
        double[] w = {0.027158721622260334, 0.2703688739931705, 2.7024724043845696}; // beta 0.9999
        LdamLoss loss = (LdamLoss) Tricks.loss(Losses.ldam(30, 0.5, 0.9999), COUNTS);
        assertThat(loss.classWeights()).containsExactly(w, within(1e-9));
        LossCheck.Outcome outcome = LossCheck.run(loss, COSINES, LABELS);
        LossCheck.assertValue(outcome.value(), ldam(COSINES, LABELS, 30, w));
        LossCheck.assertValue(LossCheck.mean(outcome.perSample()), outcome.value());
        LossCheck.assertGradient(outcome.gradient(),
                LossCheck.centralDifference(z -> ldam(z, LABELS, 30, w), COSINES));
    }

    @Test
    void onlyLdamAsksForTheNormalisedClassifier() {
        assertThat(LdamLoss.needsNormalisedClassifier(Losses.ldam())).isTrue();
        assertThat(LdamLoss.needsNormalisedClassifier(Losses.ldam(30, 0.5, 0.9999))).isTrue();
        assertThat(LdamLoss.needsNormalisedClassifier(Losses.balancedSoftmax())).isFalse();
        assertThat(LdamLoss.needsNormalisedClassifier(null)).isFalse();
    }

    @Test
    void refusesAClassWithoutImages() {
        assertThatThrownBy(() -> Tricks.loss(Losses.ldam(), new int[] {3, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ldam").hasMessageContaining("class 1");
    }
}
