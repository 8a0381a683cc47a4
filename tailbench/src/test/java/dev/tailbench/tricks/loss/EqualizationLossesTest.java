package dev.tailbench.tricks.loss;

import static dev.tailbench.tricks.loss.LossCheck.COUNTS;
import static dev.tailbench.tricks.loss.LossCheck.LABELS;
import static dev.tailbench.tricks.loss.LossCheck.LOGITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Mixups;
import dev.tailbench.api.Recipe;
import dev.tailbench.tricks.Tricks;

import org.junit.jupiter.api.Test;

/** Equalization loss v1 (sigmoid form) and v2, against values computed in doubles from the papers' formulas. */
class EqualizationLossesTest {

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** -y log sigmoid(z) - (1 - y) log(1 - sigmoid(z)). */
    private static double bce(double z, int y) {
        return y == 1 ? -Math.log(sigmoid(z)) : -Math.log(1 - sigmoid(z));
    }

    @Test
    void sigmoidEqualizationDropsTheNegativeTermsOfRareClasses() {
        // counts 100, 10, 1 of 111: fractions 0.901, 0.090, 0.009; lambda 0.05 makes class 2 rare.
        LossCheck.Outcome outcome = LossCheck.run(Tricks.loss(Losses.equalization(0.05), COUNTS), LOGITS, LABELS);
        double sum = 0;
        double[][] analytic = new double[4][3];
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                int y = LABELS[i] == c ? 1 : 0;
                double weight = c == 2 && y == 0 ? 0 : 1;
                sum += weight * bce(LOGITS[i][c], y);
                analytic[i][c] = weight * (sigmoid(LOGITS[i][c]) - y) / 4;
            }
        }
        LossCheck.assertValue(outcome.value(), sum / 4);
        LossCheck.assertGradient(outcome.gradient(), analytic);
        // sample 0 (label 0) has no gradient on class 2; samples 2 and 3 (label 2) keep their positive term
        assertThat(outcome.gradient()[0][2]).isZero();
        assertThat(outcome.gradient()[2][2]).isNegative();
    }

    @Test
    void sigmoidEqualizationWithLambdaZeroIsPlainSigmoidCrossEntropy() {
        LossCheck.Outcome outcome = LossCheck.run(Tricks.loss(Losses.equalization(0), COUNTS), LOGITS, LABELS);
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                sum += bce(LOGITS[i][c], LABELS[i] == c ? 1 : 0);
            }
        }
        LossCheck.assertValue(outcome.value(), sum / 4);
    }

    /** One training step: the loss value and its gradient with respect to the logits. */
    private static double step(LossFunction loss, double[][] gradientOut) {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] flat = new float[12];
            for (int i = 0; i < 4; i++) {
                for (int c = 0; c < 3; c++) {
                    flat[i * 3 + c] = (float) LOGITS[i][c];
                }
            }
            NDArray z = manager.create(flat, new Shape(4, 3));
            z.setRequiresGradient(true);
            double value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray batch = loss.evaluate(z, manager.create(LABELS));
                collector.backward(batch);
                value = batch.getFloat();
            }
            float[] g = z.getGradient().toFloatArray();
            for (int i = 0; i < 4; i++) {
                for (int c = 0; c < 3; c++) {
                    gradientOut[i][c] = g[i * 3 + c];
                }
            }
            return value;
        }
    }

    @Test
    void equalizationV2WeighsFromTheGradientsAccumulatedOverSteps() {
        double gamma = 12;
        double mu = 0.8;
        double alpha = 4;
        EqualizationLossV2 loss = (EqualizationLossV2) Tricks.loss(Losses.equalizationV2(gamma, mu, alpha), COUNTS);
        assertThat(loss.negativeWeights()).containsExactly(1, 1, 1);

        // Step 1: every weight 1, then g+_c = sum of |sigmoid(z) - 1| over the class's positives,
        // g-_c = sum of sigmoid(z) over its negatives.
        double[][] gradient = new double[4][3];
        double value = step(loss, gradient);
        double[] positive = new double[3];
        double[] negative = new double[3];
        double expectedValue = 0;
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                int y = LABELS[i] == c ? 1 : 0;
                expectedValue += bce(LOGITS[i][c], y);
                double g = Math.abs(sigmoid(LOGITS[i][c]) - y);
                positive[c] += y * g;
                negative[c] += (1 - y) * g;
            }
        }
        LossCheck.assertValue(value, expectedValue / 4);
        double[][] accumulated = loss.accumulatedGradients();
        assertThat(accumulated[0]).containsExactly(positive, within(1e-5));
        assertThat(accumulated[1]).containsExactly(negative, within(1e-5));

        // Step 2: q_c = 1 / (1 + exp(-gamma (g+_c / g-_c - mu))), positive weight 1 + alpha (1 - q_c).
        double[] q = new double[3];
        for (int c = 0; c < 3; c++) {
            q[c] = 1 / (1 + Math.exp(-gamma * (positive[c] / (negative[c] + 1e-10) - mu)));
        }
        assertThat(loss.negativeWeights()).containsExactly(q, within(1e-5));
        value = step(loss, gradient);
        expectedValue = 0;
        double[][] analytic = new double[4][3];
        double[] positive2 = positive.clone();
        double[] negative2 = negative.clone();
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                int y = LABELS[i] == c ? 1 : 0;
                double weight = y == 1 ? 1 + alpha * (1 - q[c]) : q[c];
                expectedValue += weight * bce(LOGITS[i][c], y);
                analytic[i][c] = weight * (sigmoid(LOGITS[i][c]) - y) / 4;
                double g = Math.abs(sigmoid(LOGITS[i][c]) - y) * weight;
                positive2[c] += y * g;
                negative2[c] += (1 - y) * g;
            }
        }
        LossCheck.assertValue(value, expectedValue / 4);
        LossCheck.assertGradient(gradient, analytic);
        accumulated = loss.accumulatedGradients();
        assertThat(accumulated[0]).containsExactly(positive2, within(1e-4));
        assertThat(accumulated[1]).containsExactly(negative2, within(1e-4));
    }

    @Test
    void equalizationV2IsRefusedWithMixup() {
        assertThatThrownBy(() -> Recipe.builder().optLoss(Losses.equalizationV2()).optMixup(Mixups.input()).build())
                .hasMessageContaining("equalization-v2").hasMessageContaining("mixup");
        assertThatThrownBy(() -> Losses.equalizationV2(-1, 0.8, 4)).hasMessageContaining("gamma");
        assertThatThrownBy(() -> Losses.equalization(1.5)).hasMessageContaining("lambda");
    }
}
