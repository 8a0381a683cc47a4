package dev.tailbench.data;

import java.util.List;
import java.util.SplittableRandom;

/** Small generated image sets for tests (public for the engine's tests, which write them as data files). */
public final class TestImages {

    private TestImages() {}

    /** {@code n} random images whose labels cycle 0, 1, ..., classCount - 1. */
    public static ImageSet cycling(int n, int channels, int height, int width, int classCount, long seed) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classCount;
        }
        return withLabels(labels, channels, height, width, classCount, seed);
    }

    static ImageSet withLabels(int[] labels, int channels, int height, int width, int classCount,
            long seed) {
        byte[] pixels = new byte[labels.length * channels * height * width];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        return ImageSet.of(pixels, labels, channels, height, width, names(classCount));
    }

    static List<String> names(int classCount) {
        return IdxReader.classNames(classCount, null);
    }
}
