package dev.tailbench.tricks.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.function.ToDoubleFunction;

/**
 * Runs a loss on the PyTorch engine and brings its numbers back as doubles, so that tests can
 * hold them against plain-Java reference computations; and differentiates such a reference
 * numerically.
 */
final class LossCheck {

    /**
     * A batch of four samples over three classes, every logit exact in float32; its labels hold
     * every class and class 2 twice, so class weights differ within the batch.
     */
    static final double[][] LOGITS = {
        {2.0, -1.0, 0.5},
        {0.25, 1.5, -0.75},
        {-0.5, 0.0, 1.25},
        {1.0, 0.5, -2.0},
    };

    /** Labels of {@link #LOGITS}. */
    static final int[] LABELS = {0, 1, 2, 2};

    /** A long-tailed training set: 100, 10 and 1 images. */
    static final int[] COUNTS = {100, 10, 1};

    /** What a loss computed for one batch. */
    record Outcome(double value, double[] perSample, double[][] gradient) {
    }

    private LossCheck() {
    }

    /**
     * Evaluates the loss on float32 logits, back-propagates it and also reads {@code perSample}.
     * If {@code seed} is not null the engine's random generator is reset to it before each of
     * the two calls, so that a random loss draws the same numbers in both.
     */
    static Outcome run(LossFunction loss, double[][] logits, int[] labels, Integer seed) {
        int n = logits.length;
        int classes = logits[0].length;
        float[] flat = new float[n * classes];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                flat[i * classes + c] = (float) logits[i][c];
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray z = manager.create(flat, new Shape(n, classes));
            z.setRequiresGradient(true);
            NDArray y = manager.create(labels);
            double value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                reseed(seed);
                NDArray batchLoss = loss.evaluate(z, y);
                assertThat(batchLoss.getShape()).isEqualTo(new Shape());
                collector.backward(batchLoss);
                value = batchLoss.getFloat();
            }
            double[][] gradient = new double[n][classes];
            try (NDArray g = z.getGradient()) {
                float[] gFlat = g.toFloatArray();
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < classes; c++) {
                        gradient[i][c] = gFlat[i * classes + c];
                    }
                }
            }
            reseed(seed);
            NDArray shares = loss.perSample(z.stopGradient(), y);
            assertThat(shares.getShape()).isEqualTo(new Shape(n));
            float[] sharesFloat = shares.toFloatArray();
            double[] perSample = new double[n];
            for (int i = 0; i < n; i++) {
                perSample[i] = sharesFloat[i];
            }
            return new Outcome(value, perSample, gradient);
        }
    }

    static Outcome run(LossFunction loss, double[][] logits, int[] labels) {
        return run(loss, logits, labels, null);
    }

    private static void reseed(Integer seed) {
        if (seed != null) {
            Engine.getInstance().setRandomSeed(seed);
        }
    }

    /** Central finite difference of a plain-Java batch loss, in doubles (step 1e-5). */
    static double[][] centralDifference(ToDoubleFunction<double[][]> batchLoss, double[][] logits) {
        double step = 1e-5;
        double[][] gradient = new double[logits.length][logits[0].length];
        for (int i = 0; i < logits.length; i++) {
            for (int c = 0; c < logits[0].length; c++) {
                double[][] up = copy(logits);
                double[][] down = copy(logits);
                up[i][c] += step;
                down[i][c] -= step;
                gradient[i][c] = (batchLoss.applyAsDouble(up) - batchLoss.applyAsDouble(down)) / (2 * step);
            }
        }
        return gradient;
    }

    /** Asserts that the engine's gradient matches the expected one to float precision. */
    static void assertGradient(double[][] actual, double[][] expected) {
        for (int i = 0; i < expected.length; i++) {
            for (int c = 0; c < expected[0].length; c++) {
                assertThat(actual[i][c]).as("d loss / d z[%d][%d]", i, c)
                        .isCloseTo(expected[i][c], within(2e-5 + 1e-4 * Math.abs(expected[i][c])));
            }
        }
    }

    /** Asserts a loss value to float precision (relative 1e-5). */
    static void assertValue(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(1e-6 + 1e-5 * Math.abs(expected)));
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** log sum_c exp(z_c), computed stably in doubles. */
    static double logSumExp(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** -log softmax(z)_y in doubles. */
    static double crossEntropy(double[] z, int label) {
        return logSumExp(z) - z[label];
    }

    static double[][] copy(double[][] values) {
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i].clone();
        }
        return copy;
    }
}
