package dev.tailbench.tricks.cam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Samplers;
import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.model.Backbones;
import dev.tailbench.model.CifarResNet;

class CamSamplingTest {

    private static final int SIDE = 8;
    private static final double[] MEAN = {0.5};
    private static final double[] STD = {0.25};

    /** Labels with the given counts, interleaved so that class and index are unrelated. */
    private static int[] labels(int[] counts) {
        int total = Arrays.stream(counts).sum();
        int[] labels = new int[total];
        int[] left = counts.clone();
        int k = 0;
        while (k < total) {
            for (int c = counts.length - 1; c >= 0; c--) {
                if (left[c] > 0) {
                    left[c]--;
                    labels[k++] = c;
                }
            }
        }
        return labels;
    }

    /** Every image a distinct pattern: value depends on the image, row and column. */
    private static int patterned(int image, int y, int x) {
        return (image * 37 + y * 11 + x * 29 + 7) % 256;
    }

    private static byte[] patternedPixels(int n) {
        byte[] pixels = new byte[n * SIDE * SIDE];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    pixels[(i * SIDE + y) * SIDE + x] = (byte) patterned(i, y, x);
                }
            }
        }
        return pixels;
    }

    private static CifarResNet network(NDManager m, int classes) {
        CifarResNet net = (CifarResNet) Backbones.create("resnet8", 1, classes);
        net.initialize(m, DataType.FLOAT32, new Shape(1, 1, SIDE, SIDE));
        return net;
    }

    private static int[] unsigned(NDArray uint8) {
        byte[] bytes = uint8.toByteArray();
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xff;
        }
        return values;
    }

    @Test
    void countsAreMaxPlusMinMinusOwnCount() {
        // max 50, min 2: 52 - 50, 52 - 10, 52 - 2
        assertThat(CamSampling.generationCounts(new int[] {50, 10, 2})).containsExactly(2, 42, 50);
        // an empty class has nothing to start from; n_min is over the non-empty classes (1)
        assertThat(CamSampling.generationCounts(new int[] {5, 0, 1})).containsExactly(1, 0, 5);
    }

    /**
     * Class-constant images: whatever the mask and the transform, a synthetic image made from a
     * class-c image is the constant of class c, so any mix-up of sources and labels shows.
     */
    @Test
    void camBasedGeneratesPerClassCountsWithTheirLabels() {
        int[] counts = {50, 10, 2};
        int[] labels = labels(counts);
        int n = labels.length;
        byte[] pixels = new byte[n * SIDE * SIDE];
        for (int i = 0; i < n; i++) {
            Arrays.fill(pixels, i * SIDE * SIDE, (i + 1) * SIDE * SIDE, (byte) (60 + 70 * labels[i]));
        }
        try (NDManager m = NDManager.newBaseManager();
                DeviceImages train = DeviceImages.of(m, pixels, labels, 1, SIDE, SIDE, MEAN, STD)) {
            CifarResNet net = network(m, 3);
            int before = m.getManagedArrays().size();
            SyntheticImages synthetic = CamSampling.generate(net, new ParameterStore(m, false), train, labels, counts,
                    Samplers.camBased(), new SplittableRandom(5), m);
            // only the result was added
            assertThat(m.getManagedArrays()).hasSize(before + 1);
            assertThat(synthetic.size()).isEqualTo(94);
            assertThat(synthetic.perClass()).containsExactly(2, 42, 50);
            assertThat(synthetic.images().getShape()).isEqualTo(new Shape(94, 1, SIDE, SIDE));
            assertThat(synthetic.images().getDataType()).isEqualTo(DataType.UINT8);
            int[] expectedLabels = new int[94];
            Arrays.fill(expectedLabels, 2, 44, 1);
            Arrays.fill(expectedLabels, 44, 94, 2);
            assertThat(synthetic.labels()).containsExactly(expectedLabels);
            int[] values = unsigned(synthetic.images());
            for (int i = 0; i < 94; i++) {
                assertThat(labels[synthetic.sources()[i]]).as("source of image %d", i).isEqualTo(expectedLabels[i]);
                for (int p = 0; p < SIDE * SIDE; p++) {
                    assertThat(values[i * SIDE * SIDE + p]).isEqualTo(60 + 70 * expectedLabels[i]);
                }
            }
            Map<String, Integer> perKind = synthetic.perKind();
            assertThat(perKind).containsOnlyKeys("rotate-scale", "translate", "flip");
            assertThat(perKind.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(94);
            assertThat(synthetic.appendedTo(labels)).hasSize(n + 94).startsWith(labels).endsWith(expectedLabels);
            // the report's examples: the first image of each class, with its source, map and mask
            assertThat(synthetic.examples()).extracting(CamExample::label).containsExactly(0, 1, 2);
            int[] firsts = {0, 2, 44};
            for (int e = 0; e < 3; e++) {
                CamExample example = synthetic.examples().get(e);
                assertThat(example.source()).isEqualTo(synthetic.sources()[firsts[e]]);
                assertThat(example.kind()).isEqualTo(synthetic.kinds()[firsts[e]]);
                assertThat(example.original()).isEqualTo(train.raw(new int[] {example.source()}, m).toByteArray());
                assertThat(example.generated()).isEqualTo(synthetic.images().get(firsts[e]).toByteArray());
                assertThat(example.cam()).hasSize(SIDE * SIDE);
                for (float v : example.cam()) {
                    assertThat(v).isBetween(0f, 1f);
                }
                assertThat(example.mask()).hasSize(SIDE * SIDE).contains(true);
            }
        }
    }

    @Test
    void examplesSpreadOverAtMostTenClassesFromHeadToTail() {
        assertThat(CamSampling.exampleIndices(new int[] {2, 0, 3, 1})).containsExactly(0, 2, 5);
        int[] hundred = new int[100];
        Arrays.fill(hundred, 2);
        // classes 0, 11, 22, ..., 99: round(k * 99 / 9)
        assertThat(CamSampling.exampleIndices(hundred)).containsExactly(0, 22, 44, 66, 88, 110, 132, 154, 176, 198);
    }

    @Test
    void sameSeedSameImagesOtherSeedOtherImages() {
        int[] counts = {12, 3};
        int[] labels = labels(counts);
        try (NDManager m = NDManager.newBaseManager();
                DeviceImages train = DeviceImages.of(m, patternedPixels(labels.length), labels, 1, SIDE, SIDE, MEAN, STD)) {
            CifarResNet net = network(m, 2);
            ParameterStore ps = new ParameterStore(m, false);
            SyntheticImages a = CamSampling.generate(net, ps, train, labels, counts, Samplers.camBased(), new SplittableRandom(9), m);
            SyntheticImages b = CamSampling.generate(net, ps, train, labels, counts, Samplers.camBased(), new SplittableRandom(9), m);
            SyntheticImages c = CamSampling.generate(net, ps, train, labels, counts, Samplers.camBased(), new SplittableRandom(10), m);
            assertThat(a.images().toByteArray()).isEqualTo(b.images().toByteArray());
            assertThat(a.sources()).isEqualTo(b.sources());
            assertThat(a.kinds()).isEqualTo(b.kinds());
            assertThat(c.images().toByteArray()).isNotEqualTo(a.images().toByteArray());
        }
    }

    /** ImageTrans flips the whole image: every flipped image is its source mirrored. */
    @Test
    void imageTransFlipsMirrorTheWholeSource() {
        int[] counts = {40, 4};
        int[] labels = labels(counts);
        try (NDManager m = NDManager.newBaseManager();
                DeviceImages train = DeviceImages.of(m, patternedPixels(labels.length), labels, 1, SIDE, SIDE, MEAN, STD)) {
            SyntheticImages synthetic = CamSampling.generate(null, null, train, labels, counts,
                    Samplers.imageTrans("class-balanced"), new SplittableRandom(3), m);
            assertThat(synthetic.size()).isEqualTo(4 + 40);
            int[] values = unsigned(synthetic.images());
            int flips = 0;
            int changedNonFlips = 0;
            for (int i = 0; i < synthetic.size(); i++) {
                int source = synthetic.sources()[i];
                boolean differs = false;
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        int got = values[(i * SIDE + y) * SIDE + x];
                        if (synthetic.kinds()[i] == TransformKind.FLIP) {
                            assertThat(got).as("image %d (%d, %d)", i, y, x).isEqualTo(patterned(source, y, SIDE - 1 - x));
                        }
                        differs |= got != patterned(source, y, x);
                    }
                }
                if (synthetic.kinds()[i] == TransformKind.FLIP) {
                    flips++;
                }
                else if (differs) {
                    changedNonFlips++;
                }
            }
            assertThat(flips).isPositive();
            // rotations and (non-zero) shifts change the whole image too
            assertThat(changedNonFlips).isPositive();
        }
    }

    @Test
    void transformKindsAreRoughlyUniform() {
        // 300 images of class 1: each kind expected 100, standard deviation sqrt(300 / 3 * 2 / 3) = 8.2
        int[] counts = {300, 1};
        int[] labels = labels(counts);
        try (NDManager m = NDManager.newBaseManager();
                DeviceImages train = DeviceImages.of(m, patternedPixels(labels.length), labels, 1, SIDE, SIDE, MEAN, STD)) {
            SyntheticImages synthetic = CamSampling.generate(null, null, train, labels, counts,
                    Samplers.imageTrans("square-root"), new SplittableRandom(11), m);
            assertThat(synthetic.size()).isEqualTo(301);
            assertThat(synthetic.perKind().values()).allSatisfy(count -> assertThat(count).isBetween(70, 130));
        }
    }

    @Test
    void rejectsSpecsThatDoNotGenerate() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> CamSampling.generate(null, null, null, new int[0], new int[0],
                    Samplers.classBalanced(), new SplittableRandom(1), m)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CamSampling.generate(null, null, null, new int[0], new int[0],
                    Losses.crossEntropy(), new SplittableRandom(1), m)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
