package dev.tailbench.tricks.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
     * the stepped classifier is the classifier optimizer's step (heavy-ball SGD, as the reference's
     * {@code higher} copy of it): W - lr (mu buf_W + mean(error x feature) + wd W) and b - lr (mu
     * buf_b + mean(error) + wd b), without the buffer term before the optimizer's first step; the
     * meta loss returned is the cross-entropy of that classifier, computed here by hand. The old
     * step (no momentum, no decay of the bias) gives another loss in both cases.
     */
    @ParameterizedTest(name = "momentum buffers: {0}")
    @ValueSource(booleans = {false, true})
    void theSteppedClassifierIsTheOptimizersSgdStep(boolean withBuffers) {
        double momentum = 0.9;
        double[][] bufW = withBuffers ? new double[][] {{0.3, -0.2}, {-0.1, 0.4}} : new double[2][2];
        double[] bufB = withBuffers ? new double[] {0.2, -0.3} : new double[2];
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
        double old = 0;
        for (int m = 0; m < 2; m++) {
            double[] z = new double[2];
            double[] zOld = new double[2];
            for (int c = 0; c < 2; c++) {
                z[c] = b0[c] - lr * (momentum * bufB[c] + gradB[c] + weightDecay * b0[c]);
                zOld[c] = b0[c] - lr * gradB[c];
                for (int d = 0; d < 2; d++) {
                    z[c] += (w0[c][d] - lr * (momentum * bufW[c][d] + gradW[c][d] + weightDecay * w0[c][d]))
                            * metaFeatures[m][d];
                    zOld[c] += (w0[c][d] * (1 - lr * weightDecay) - lr * gradW[c][d]) * metaFeatures[m][d];
                }
            }
            expected += (Math.log(Math.exp(z[0]) + Math.exp(z[1])) - z[metaLabels[m]]) / 2;
            old += (Math.log(Math.exp(zOld[0]) + Math.exp(zOld[1])) - zOld[metaLabels[m]]) / 2;
        }
        try (NDManager manager = NDManager.newBaseManager();
                MetaSampler sampler = new MetaSampler(counts, 0, 0.01, manager)) {
            MetaSampler.Draw draw = new MetaSampler.Draw(labels, new float[6]);
            NDArray weightBuffer = withBuffers ? matrix(manager, bufW) : null;
            NDArray biasBuffer = withBuffers ? manager.create(new float[] {0.2f, -0.3f}) : null;
            MetaSampler.InnerStep step = new MetaSampler.InnerStep(lr, momentum, weightDecay, weightBuffer, biasBuffer);
            double metaLoss = sampler.learn(draw, matrix(manager, features), manager.create(labels),
                    matrix(manager, w0), manager.create(new float[] {0.5f, -0.25f}), step,
                    matrix(manager, metaFeatures), manager.create(metaLabels));
            assertThat(metaLoss).isCloseTo(expected, within(1e-5));
            assertThat(Math.abs(expected - old)).as("the old step's loss differs").isGreaterThan(1e-3);
            if (withBuffers) {
                // the optimizer's buffers are read, not changed
                assertThat(weightBuffer.toFloatArray()).containsExactly(0.3f, -0.2f, -0.1f, 0.4f);
                assertThat(biasBuffer.toFloatArray()).containsExactly(0.2f, -0.3f);
            }
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
                    double loss = sampler.learn(draw, features, scope.create(draw.classes()), weight, biasArray,
                            new MetaSampler.InnerStep(0.5, 0, 5e-4, null, null), metaFeatures,
                            scope.create(metaClasses));
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
