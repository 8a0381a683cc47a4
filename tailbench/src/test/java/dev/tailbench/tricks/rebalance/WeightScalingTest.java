package dev.tailbench.tricks.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.data.device.RandomCropFlip;
import dev.tailbench.model.CifarResNet;

import org.junit.jupiter.api.Test;

/** LWS: one learned scale per class on the frozen classifier's logits, folded into the head. */
class WeightScalingTest {

    private static final int F = Fixtures.FEATURES;
    private static final float[] TRAINED_BIAS = {0.3f, -0.2f, 0.1f};

    /** The network with a non-zero bias, as a trained head has, so that the bias's scaling shows. */
    private static CifarResNet trainedNetwork(NDManager manager) {
        CifarResNet network = Fixtures.network(manager, 3, 5);
        Fixtures.overwrite(LinearHead.of(network).biasArray(), TRAINED_BIAS);
        return network;
    }

    @Test
    void onlyTheScalesChangeAndTheyAreFoldedIntoTheHead() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet network = trainedNetwork(manager);
            DeviceImages data = Fixtures.separableImages(manager, 3, 4, 7);
            Fixtures.requireGradients(network);
            Map<String, float[]> before = Fixtures.snapshot(network);
            Map<String, Parameter.Type> types = Fixtures.types(network);
            Set<String> classifier = Fixtures.classifierPaths(network);
            int arrays = manager.getManagedArrays().size();

            new ClassifierTraining(StageSchedule.of(2, 4, 0.1, 5e-4), ScaledHead::new).run(network,
                    Fixtures.store(manager), data, Fixtures.roundRobin(3, 4),
                    new RandomCropFlip(1, true, Fixtures.MEAN, Fixtures.STD), Fixtures.random(), EpochListener.NONE);

            Map<String, float[]> after = Fixtures.snapshot(network);
            for (String name : before.keySet()) {
                Parameter.Type type = types.get(name);
                if (!classifier.contains(name) && type != Parameter.Type.RUNNING_MEAN
                        && type != Parameter.Type.RUNNING_VAR) {
                    assertThat(after.get(name)).as(name).isEqualTo(before.get(name));
                }
            }
            // Every row and its bias are multiplied by the same s_c.
            LinearHead head = LinearHead.of(network);
            double[][] w0 = Fixtures.matrix(before.get(pathOf(network, head.weight())), 3, F);
            double[][] w1 = Fixtures.matrix(head.weightArray().toFloatArray(), 3, F);
            float[] b1 = head.biasArray().toFloatArray();
            boolean moved = false;
            for (int c = 0; c < 3; c++) {
                double scale = b1[c] / (double) TRAINED_BIAS[c];
                moved |= Math.abs(scale - 1) > 1e-4;
                for (int f = 0; f < F; f++) {
                    assertThat(w1[c][f]).as("row %d, %d", c, f).isCloseTo(scale * w0[c][f], within(1e-6));
                }
            }
            assertThat(moved).as("some scale moved").isTrue();
            assertThat(Fixtures.backboneGradient(network)).isZero();
            assertThat(manager.getManagedArrays()).hasSize(arrays);
        }
    }

    @Test
    void withLearningRateZeroTheLogitsStayTheOriginal() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet network = trainedNetwork(manager);
            DeviceImages data = Fixtures.separableImages(manager, 3, 2, 7);
            ParameterStore store = Fixtures.store(manager);
            NDArray pooled = manager.randomNormal(new Shape(4, F));
            float[] logitsBefore = classifierLogits(network, store, pooled);
            LinearHead head = LinearHead.of(network);
            float[] weightBefore = head.weightArray().toFloatArray();

            new ClassifierTraining(StageSchedule.of(2, 4, 0, 5e-4), ScaledHead::new).run(network, store, data,
                    Fixtures.inOrder(6), null, Fixtures.random(), EpochListener.NONE);

            assertThat(head.weightArray().toFloatArray()).containsExactly(weightBefore);
            assertThat(head.biasArray().toFloatArray()).containsExactly(TRAINED_BIAS);
            assertThat(classifierLogits(network, store, pooled)).containsExactly(logitsBefore);
        }
    }

    /**
     * Scales (0.5, 2, 1.5): the scaled logits s_c z_c equal, after folding, the plain classifier's
     * logits; withdrawing restores the head bit for bit; closing folds for good.
     */
    @Test
    void foldingGivesTheScaledLogitsAndWithdrawingRestoresTheHead() {
        float[] s = {0.5f, 2, 1.5f};
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet network = trainedNetwork(manager);
            ParameterStore store = Fixtures.store(manager);
            LinearHead head = LinearHead.of(network);
            float[] weightBefore = head.weightArray().toFloatArray();
            NDArray pooled = manager.randomNormal(new Shape(4, F));
            double[][] z = Fixtures.linear(Fixtures.matrix(pooled.toFloatArray(), 4, F),
                    Fixtures.matrix(weightBefore, 3, F), toDoubles(TRAINED_BIAS));
            try (NDManager stage = manager.newSubManager()) {
                ScaledHead scaled = new ScaledHead(network, stage);
                assertThat(scaled.scales().toFloatArray()).containsExactly(1, 1, 1);
                Fixtures.overwrite(scaled.scales(), s);
                float[] trainedForm;
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = pooled.duplicate();
                    x.attach(scope);
                    trainedForm = scaled.logits(scaled.frozen(x, store), store).toFloatArray();
                }
                scaled.publish();
                float[] folded = classifierLogits(network, store, pooled);
                for (int n = 0; n < 4; n++) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(trainedForm[n * 3 + c]).isCloseTo((float) (s[c] * z[n][c]), within(1e-5f));
                        assertThat(folded[n * 3 + c]).isCloseTo(trainedForm[n * 3 + c], within(1e-5f));
                    }
                }
                scaled.withdraw();
                assertThat(head.weightArray().toFloatArray()).containsExactly(weightBefore);
                assertThat(head.biasArray().toFloatArray()).containsExactly(TRAINED_BIAS);
                scaled.close();
                assertThat(head.biasArray().toFloatArray()).containsExactly(0.3f * 0.5f, -0.2f * 2, 0.1f * 1.5f);
                assertThat(classifierLogits(network, store, pooled)).containsExactly(folded);
            }
        }
    }

    /**
     * Two epochs of one full batch each (learning rate 0.1, then 0.01 after the milestone at
     * round(2/3) = 1). With z = x W^T + b frozen, G = (softmax(s * z) - onehot) / N and g_c =
     * sum_n G_nc z_nc; PyTorch's Nesterov steps: d1 = g1 + wd s0, buf = d1, s1 = s0 - lr0 (d1 + mu
     * buf); d2 = g2 + wd s1, buf = mu buf + d2, s2 = s1 - lr1 (d2 + mu buf). The listener sees the
     * head folded with s1 after the first epoch; the second epoch trains from the unfolded head
     * (folding twice would give logits s1^2 z), and the head ends as s2 W, s2 b.
     */
    @Test
    void scalesFollowTheAnalyticGradientAndTheEpochListenerSeesThemFolded() {
        double mu = 0.9;
        double wd = 5e-4;
        double[] lr = {0.1, 0.01};
        int[] labels = {0, 0, 1, 1, 2, 2};
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet network = trainedNetwork(manager);
            DeviceImages data = Fixtures.separableImages(manager, 3, 2, 7);
            ParameterStore store = Fixtures.store(manager);
            double[][] x = Fixtures.pooledFeatures(network, store, data, new int[] {0, 1, 2, 3, 4, 5});
            LinearHead head = LinearHead.of(network);
            double[][] w0 = Fixtures.matrix(head.weightArray().toFloatArray(), 3, F);
            double[][] z = Fixtures.linear(x, w0, toDoubles(TRAINED_BIAS));

            List<float[]> biasSeen = new ArrayList<>();
            List<StageEpoch> epochs = new ArrayList<>();
            new ClassifierTraining(StageSchedule.of(2, 6, 0.1, wd), ScaledHead::new).run(network, store, data,
                    Fixtures.inOrder(6), null, Fixtures.random(), epoch -> {
                        epochs.add(epoch);
                        biasSeen.add(head.biasArray().toFloatArray());
                    });

            double[] scales = {1, 1, 1};
            double[] buffer = new double[3];
            double[][] scalesAfter = new double[2][];
            double[] losses = new double[2];
            for (int step = 0; step < 2; step++) {
                double[][] scaled = new double[6][3];
                for (int n = 0; n < 6; n++) {
                    for (int c = 0; c < 3; c++) {
                        scaled[n][c] = scales[c] * z[n][c];
                    }
                }
                double[][] p = Fixtures.softmax(scaled);
                double[] g = new double[3];
                for (int n = 0; n < 6; n++) {
                    losses[step] -= Math.log(p[n][labels[n]]) / 6;
                    for (int c = 0; c < 3; c++) {
                        g[c] += (p[n][c] - (labels[n] == c ? 1 : 0)) / 6 * z[n][c];
                    }
                }
                for (int c = 0; c < 3; c++) {
                    double d = g[c] + wd * scales[c];
                    buffer[c] = step == 0 ? d : mu * buffer[c] + d;
                    scales[c] -= lr[step] * (d + mu * buffer[c]);
                }
                scalesAfter[step] = scales.clone();
            }
            for (int step = 0; step < 2; step++) {
                assertThat(epochs.get(step).meanLoss()).isCloseTo(losses[step], within(1e-5));
                for (int c = 0; c < 3; c++) {
                    assertThat(biasSeen.get(step)[c]).as("epoch %d, bias %d", step, c)
                            .isCloseTo((float) (scalesAfter[step][c] * TRAINED_BIAS[c]), within(1e-6f));
                }
            }
            assertThat(scalesAfter[1][0]).isNotCloseTo(1, within(1e-4));
            assertThat(head.biasArray().toFloatArray()).containsExactly(biasSeen.get(1));
            double[][] w2 = Fixtures.matrix(head.weightArray().toFloatArray(), 3, F);
            for (int c = 0; c < 3; c++) {
                for (int f = 0; f < F; f++) {
                    assertThat(w2[c][f]).isCloseTo(scalesAfter[1][c] * w0[c][f], within(1e-6));
                }
            }
        }
    }

    /**
     * A head that ranks the classes right but is too cold (class-mean directions shrunk to tiny
     * logits): scaling the logits alone must sharpen it, so the loss falls well below its start.
     */
    @Test
    void lossFallsWhenOnlyTheScalesCanSharpenACorrectHead() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet network = Fixtures.network(manager, 3, 5);
            DeviceImages data = Fixtures.separableImages(manager, 3, 4, 7);
            ParameterStore store = Fixtures.store(manager);
            double[][] features = Fixtures.pooledFeatures(network, store, data, IntStream.range(0, 12)
                    .toArray());
            // row c: 0.05 x (mean feature of class c - mean feature of all 12 images); class c is images 4c to 4c + 3
            float[] weight = new float[3 * F];
            for (int f = 0; f < F; f++) {
                double[] classMean = new double[3];
                double overallMean = 0;
                for (int n = 0; n < 12; n++) {
                    classMean[n / 4] += features[n][f] / 4;
                    overallMean += features[n][f] / 12;
                }
                for (int c = 0; c < 3; c++) {
                    weight[c * F + f] = (float) (0.05 * (classMean[c] - overallMean));
                }
            }
            LinearHead head = LinearHead.of(network);
            Fixtures.overwrite(head.weightArray(), weight);
            Fixtures.overwrite(head.biasArray(), new float[3]);
            List<StageEpoch> epochs = new ArrayList<>();
            new ClassifierTraining(StageSchedule.of(12, 6, 1.0, 5e-4), ScaledHead::new).run(network, store, data,
                    Fixtures.roundRobin(3, 4), null, Fixtures.random(), epochs::add);
            // Measured: 0.89 in the first epoch, 0.65 in the last; with the scales frozen at 1 nothing
            // else trains, so the loss would stay put.
            assertThat(epochs.get(11).meanLoss()).isLessThan(epochs.get(0).meanLoss() * 0.8);
        }
    }

    private static float[] classifierLogits(CifarResNet network, ParameterStore store, NDArray pooled) {
        try (NDManager scope = store.getManager().newSubManager()) {
            NDArray x = pooled.duplicate();
            x.attach(scope);
            return network.classifier().forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
        }
    }

    private static String pathOf(CifarResNet network, Parameter parameter) {
        return network.getParameters().stream().filter(p -> p.getValue() == parameter).findFirst().orElseThrow()
                .getKey();
    }

    private static double[] toDoubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
