package dev.tailbench.tricks.cam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import dev.tailbench.model.Backbones;
import dev.tailbench.model.CifarResNet;

class ClassActivationMapsTest {

    /**
     * Two images, K = 3 feature maps of 2 x 2, four classes. CAM(n)(i, j) = sum_k W[label n, k]
     * maps[n, k, i, j], computed here with plain loops.
     */
    @Test
    void mapIsTheLabelsWeightedSumOfFeatureMaps() {
        int n = 2;
        int k = 3;
        float[] maps = new float[n * k * 4];
        for (int i = 0; i < maps.length; i++) {
            maps[i] = (i % 7) - 2.5f + i * 0.25f;
        }
        float[] weight = {
            0.5f, -1f, 2f,
            1f, 1f, 1f,
            -0.25f, 3f, 0.75f,
            2f, 0f, -1.5f};
        int[] labels = {2, 0};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray cams = ClassActivationMaps.fromFeatures(m.create(maps, new Shape(n, k, 2, 2)),
                    m.create(weight, new Shape(4, k)), m.create(new long[] {2, 0}));
            assertThat(cams.getShape()).isEqualTo(new Shape(n, 2, 2));
            float[] got = cams.toFloatArray();
            for (int b = 0; b < n; b++) {
                for (int p = 0; p < 4; p++) {
                    double expected = 0;
                    for (int c = 0; c < k; c++) {
                        expected += (double) weight[labels[b] * k + c] * maps[(b * k + c) * 4 + p];
                    }
                    assertThat((double) got[b * 4 + p]).as("image %d pixel %d", b, p).isCloseTo(expected, within(1e-5));
                }
            }
            // image 0, pixel 0: maps 0..: k0 -2.5, k1 (4 % 7) - 2.5 + 1 = 2.5, k2 (8 % 7) - 2.5 + 2 = 0.5;
            // weights of class 2: -0.25 (-2.5) + 3 (2.5) + 0.75 (0.5) = 0.625 + 7.5 + 0.375 = 8.5
            assertThat(got[0]).isCloseTo(8.5f, within(1e-5f));
        }
    }

    @Test
    void minMaxNormalisationMapsEachImageToZeroOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            // image 0: {-2, 0, 2, 6} -> (x + 2) / 8 = {0, 0.25, 0.5, 1}; image 1 constant -> 0
            NDArray cams = m.create(new float[] {-2, 0, 2, 6, 5, 5, 5, 5}, new Shape(2, 2, 2));
            float[] got = ClassActivationMaps.minMaxNormalise(cams).toFloatArray();
            assertThat(got).containsExactly(0f, 0.25f, 0.5f, 1f, 0f, 0f, 0f, 0f);
        }
    }

    @Test
    void resizeWeightsFollowOpenCv() {
        // cv2.resize([[0, 100]], (4, 1), INTER_LINEAR) = [0, 25, 75, 100]: output d reads
        // (d + 0.5) / 2 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        assertThat(BilinearResize.weights(2, 4)).containsExactly(1f, 0f, 0.75f, 0.25f, 0.25f, 0.75f, 0f, 1f);
        // same size: identity
        assertThat(BilinearResize.weights(3, 3)).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            // rows [0, 100] and [40, 40] -> columns resized as above, rows likewise
            NDArray map = m.create(new float[] {0, 100, 40, 40}, new Shape(1, 2, 2));
            float[] got = BilinearResize.resize(map, 4, 4).toFloatArray();
            double[] top = {0, 25, 75, 100};
            double[] bottom = {40, 40, 40, 40};
            double[] rowWeightOfTop = {1, 0.75, 0.25, 0};
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    double expected = rowWeightOfTop[y] * top[x] + (1 - rowWeightOfTop[y]) * bottom[x];
                    assertThat((double) got[y * 4 + x]).as("(%d, %d)", y, x).isCloseTo(expected, within(1e-4));
                }
            }
        }
    }

    @Test
    void thresholdKeepsPixelsAtLeastFactorTimesTheMean() {
        try (NDManager m = NDManager.newBaseManager()) {
            // image 0: mean (0 + 0.2 + 0.3 + 0.5) / 4 = 0.25, bar 0.75 x 0.25 = 0.1875
            // image 1: mean 0.25 (1 at one pixel), bar 0.1875
            NDArray cams = m.create(new float[] {0, 0.2f, 0.3f, 0.5f, 0, 0, 1, 0}, new Shape(2, 2, 2));
            boolean[][] masks = ForegroundMasks.threshold(cams, 0.75);
            assertThat(masks[0]).containsExactly(false, true, true, true);
            assertThat(masks[1]).containsExactly(false, false, true, false);
            // factor 1.5: bar 0.375 keeps only 0.5 in image 0
            assertThat(ForegroundMasks.threshold(cams, 1.5)[0]).containsExactly(false, false, false, true);
        }
    }

    /**
     * On a real network: the raw map's spatial mean plus the bias is the logit of the label (the
     * network pools by averaging), and {@link ClassActivationMaps#forImages} is that raw map
     * min-max normalised and resized, recomputed here with plain Java arithmetic.
     */
    @Test
    void networkMapsAgreeWithLogitsAndWithHandNormalisationAndResize() {
        int n = 3;
        int size = 8;
        try (NDManager m = NDManager.newBaseManager()) {
            CifarResNet net = (CifarResNet) Backbones.create("resnet8", 1, 4);
            net.initialize(m, DataType.FLOAT32, new Shape(n, 1, size, size));
            ParameterStore ps = new ParameterStore(m, false);
            // the bias starts at 0, which would make the logit check blind to it
            try (NDArray shift = m.create(new float[] {0.3f, -0.7f, 1.1f, 0.2f})) {
                net.classifier().getParameters().get("bias").getArray().addi(shift);
            }
            try (NDManager scope = m.newSubManager()) {
                NDArray x = scope.randomNormal(new Shape(n, 1, size, size));
                NDArray labels = scope.create(new long[] {3, 0, 2});
                NDArray maps = net.features().forward(ps, new NDList(x), false).singletonOrThrow();
                int h = (int) maps.getShape().get(2);
                int w = (int) maps.getShape().get(3);
                NDArray weight = net.classifier().getParameters().get("weight").getArray();
                float[] raw = ClassActivationMaps.fromFeatures(maps, weight, labels).toFloatArray();
                float[] logits = net.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
                float[] bias = net.classifier().getParameters().get("bias").getArray().toFloatArray();
                long[] label = labels.toLongArray();

                float[] full = ClassActivationMaps.forImages(net, ps, x, labels).toFloatArray();
                double step = (double) h / size;
                for (int b = 0; b < n; b++) {
                    double sum = 0;
                    double min = Double.MAX_VALUE;
                    double max = -Double.MAX_VALUE;
                    for (int p = 0; p < h * w; p++) {
                        double v = raw[b * h * w + p];
                        sum += v;
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                    assertThat(sum / (h * w) + bias[(int) label[b]]).as("image %d", b)
                            .isCloseTo(logits[b * 4 + (int) label[b]], within(1e-4));
                    for (int y = 0; y < size; y++) {
                        for (int xx = 0; xx < size; xx++) {
                            // OpenCV bilinear, clamped at the borders
                            double fy = Math.max(0, (y + 0.5) * step - 0.5);
                            double fx = Math.max(0, (xx + 0.5) * step - 0.5);
                            int y0 = Math.min((int) fy, h - 1);
                            int x0 = Math.min((int) fx, w - 1);
                            int y1 = Math.min(y0 + 1, h - 1);
                            int x1 = Math.min(x0 + 1, w - 1);
                            double ay = fy - Math.floor(fy);
                            double ax = fx - Math.floor(fx);
                            double v = (1 - ay) * ((1 - ax) * raw[b * h * w + y0 * w + x0] + ax * raw[b * h * w + y0 * w + x1])
                                    + ay * ((1 - ax) * raw[b * h * w + y1 * w + x0] + ax * raw[b * h * w + y1 * w + x1]);
                            double expected = (v - min) / (max - min);
                            assertThat((double) full[(b * size + y) * size + xx]).as("image %d (%d, %d)", b, y, xx)
                                    .isCloseTo(expected, within(1e-4));
                        }
                    }
                }
            }
        }
    }
}
