package dev.tailbench.tricks.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

class MetaSamplerTest {

    /** Class means of the toy problem: three overlapping clusters in the plane. */
    private static final double[][] MEANS = {{1, 0}, {0, 1}, {-1, -0.5}};
    private static final int[] COUNTS = {400, 40, 4};

    @Test
    void initialWeightsFollowTheReference() {
        // initPower 1: weights f^-1 = (4/3, 4) over their min + max (16/3): 1/4 and 3/4, so n sigmoid(v)
        // = 3/4 for both classes: class-balanced.
        assertThat(MetaSampler.initialLogits(new int[] {3, 1}, 1)).containsExactly(
                new float[] {(float) Math.log(1.0 / 3), (float) Math.log(3)}, within(1e-6f));
        try (NDManager manager = NDManager.newBaseManager();
                MetaSampler balanced = new MetaSampler(new int[] {3, 1}, 1, 0.01, manager);
                MetaSampler instance = new MetaSampler(new int[] {3, 1}, 0, 0.01, manager)) {
            assertThat(balanced.classProbabilities()).containsExactly(new double[] {0.5, 0.5}, within(1e-6));
            // initPower 0: every weight 1/2, so pi = n / N.
            assertThat(instance.classProbabilities()).containsExactly(new double[] {0.75, 0.25}, within(1e-6));
        }
    }

    @Test
    void drawsClassesWithItsProbabilities() {
        try (NDManager manager = NDManager.newBaseManager();
                MetaSampler sampler = new MetaSampler(new int[] {30, 10}, 0, 0.01, manager)) {
            MetaSampler.Draw draw = sampler.draw(40_000, new SplittableRandom(7));
            long ones = java.util.Arrays.stream(draw.classes()).filter(c -> c == 1).count();
            // pi_1 = 1/4; 4 standard deviations of the count are 4 sqrt(40000 * 3/16) = 346.
            assertThat(ones).isBetween(10_000L - 346, 10_000L + 346);
            assertThat(draw.noise()).hasSize(80_000);
        }
    }

    /**
     * One meta step: every sample's balanced-softmax error is softmax(W f + b + log n) - onehot(y),
     * the stepped classifier is W (1 - lr wd) - lr mean(error x feature), b - lr mean(error), and
     * the meta loss returned is the cross-entropy of that classifier, computed here by hand.
     */
    @Test
    void theSteppedClassifierIsTheClosedFormSgdStep() {
        int[] counts = {3, 1};
        double[][] features = {{1, 2}, {0.5, -1}, {-2, 0}};
        int[] labels = {0, 1, 0};
        double[][] metaFeatures = {{1, 1}, {-1, 0.5}};
        int[] metaLabels = {0, 1};
        double[][] w0 = {{0.25, -0.5}, {0.75, 0.5}};
        double[] b0 = {0.5, -0.25};
        double lr = 0.5;
        double weightDecay = 0.1;
        double[][] gradW = new double[2][2];
        double[] gradB = new double[2];
        for (int b = 0; b < 3; b++) {
            double[] z = new double[2];
            for (int c = 0; c < 2; c++) {
                z[c] = b0[c] + w0[c][0] * features[b][0] + w0[c][1] * features[b][1] + Math.log(counts[c]);
            }
            double norm = Math.log(Math.exp(z[0]) + Math.exp(z[1]));
            for (int c = 0; c < 2; c++) {
                double error = Math.exp(z[c] - norm) - (labels[b] == c ? 1 : 0);
                gradB[c] += error / 3;
                for (int d = 0; d < 2; d++) {
                    gradW[c][d] += error * features[b][d] / 3;
                }
            }
        }
        double expected = 0;
        for (int m = 0; m < 2; m++) {
            double[] z = new double[2];
            for (int c = 0; c < 2; c++) {
                z[c] = b0[c] - lr * gradB[c];
                for (int d = 0; d < 2; d++) {
                    z[c] += (w0[c][d] * (1 - lr * weightDecay) - lr * gradW[c][d]) * metaFeatures[m][d];
                }
            }
            double norm = Math.log(Math.exp(z[0]) + Math.exp(z[1]));
            expected += (norm - z[metaLabels[m]]) / 2;
        }
        try (NDManager manager = NDManager.newBaseManager();
                MetaSampler sampler = new MetaSampler(counts, 0, 0.01, manager)) {
            MetaSampler.Draw draw = new MetaSampler.Draw(labels, new float[6]);
            double metaLoss = sampler.learn(draw, matrix(manager, features), manager.create(labels),
                    matrix(manager, w0), manager.create(new float[] {0.5f, -0.25f}), lr, weightDecay,
                    matrix(manager, metaFeatures), manager.create(metaLabels));
            assertThat(metaLoss).isCloseTo(expected, within(1e-5));
        }
    }

    /**
     * The toy problem: a linear classifier on 400 / 40 / 4 overlapping samples with a bias that
     * favours the head. A class-balanced meta batch is best served by steps that raise the tail's
     * scores, so the learned sampling rates must move from the instance-balanced start toward the
     * tail: the tail's rate grows several-fold and the head's falls.
     */
    @Test
    void learnedRatesMoveTowardTheTailClasses() {
        double[] start = new double[] {400.0 / 444, 40.0 / 444, 4.0 / 444};
        double[] learned = learn(new float[] {1.5f, 0f, -1.5f});
        assertThat(learned[2]).as("tail rate, from %.4f", start[2]).isGreaterThan(3 * start[2]);
        assertThat(learned[0]).as("head rate, from %.4f", start[0]).isLessThan(start[0]);
    }

    /**
     * The control: with a bias that favours the tail instead, the same steps serve the meta batch
     * best by raising the head's scores, and the rates must not move toward the tail.
     */
    @Test
    void aTailBiasedClassifierMovesTheRatesBackToTheHead() {
        double[] learned = learn(new float[] {-3f, 0f, 3f});
        assertThat(learned[2]).as("tail rate").isLessThan(4.0 / 444);
        assertThat(learned[0]).as("head rate").isGreaterThan(400.0 / 444);
    }

    /** 300 meta steps of a sampler starting instance-balanced, for a fixed classifier; its final rates. */
    private static double[] learn(float[] bias) {
        SplittableRandom random = new SplittableRandom(11);
        try (NDManager manager = NDManager.newBaseManager();
                MetaSampler sampler = new MetaSampler(COUNTS, 0, 0.05, manager)) {
            assertThat(sampler.classProbabilities()[2]).isCloseTo(4.0 / 444, within(1e-6));
            NDArray weight = matrix(manager, MEANS);
            NDArray biasArray = manager.create(bias);
            int[] metaClasses = new int[96];
            for (int i = 0; i < metaClasses.length; i++) {
                metaClasses[i] = i % 3;
            }
            for (int step = 0; step < 300; step++) {
                try (NDManager scope = manager.newSubManager()) {
                    MetaSampler.Draw draw = sampler.draw(64, random);
                    NDArray features = matrix(scope, samples(draw.classes(), random));
                    NDArray metaFeatures = matrix(scope, samples(metaClasses, random));
                    double loss = sampler.learn(draw, features, scope.create(draw.classes()), weight, biasArray, 0.5,
                            5e-4, metaFeatures, scope.create(metaClasses));
                    assertThat(loss).isFinite();
                }
            }
            return sampler.classProbabilities();
        }
    }

    @Test
    void refusesAnEmptyClassAndBadSettings() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new MetaSampler(new int[] {3, 0}, 0.3, 0.01, manager))
                    .hasMessageContaining("class 1");
            assertThatThrownBy(() -> new MetaSampler(new int[] {3, 1}, 1.5, 0.01, manager))
                    .hasMessageContaining("initPower");
            assertThatThrownBy(() -> new MetaSampler(new int[] {3, 1}, 0.3, 0, manager))
                    .hasMessageContaining("learning rate");
        }
    }

    /** A noisy sample of each class: its mean plus Gaussian noise of standard deviation 0.8. */
    private static double[][] samples(int[] classes, SplittableRandom random) {
        double[][] x = new double[classes.length][2];
        for (int i = 0; i < classes.length; i++) {
            for (int d = 0; d < 2; d++) {
                x[i][d] = MEANS[classes[i]][d] + 0.8 * gaussian(random);
            }
        }
        return x;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static NDArray matrix(NDManager manager, double[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[0].length; j++) {
                flat[i * rows[0].length + j] = (float) rows[i][j];
            }
        }
        return manager.create(flat, new Shape(rows.length, rows[0].length));
    }
}
