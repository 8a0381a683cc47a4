package dev.tailbench.tricks.sampling;

import java.util.SplittableRandom;

/** Test helpers: labelled training sets and binomial checks of drawn frequencies. */
public final class Draws {

    /** Tolerance in binomial standard deviations: a wrong formula lands far outside, chance does not. */
    static final double SIGMAS = 5;

    private Draws() {
    }

    /**
     * Labels with the given counts, in a scrambled (but fixed) order, so that an index is not its
     * position within its class and a mix-up between the two shows.
     */
    public static int[] labels(int... counts) {
        int total = 0;
        for (int count : counts) {
            total += count;
        }
        int[] labels = new int[total];
        int next = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int k = 0; k < counts[c]; k++) {
                labels[next++] = c;
            }
        }
        SplittableRandom random = new SplittableRandom(12345);
        for (int i = labels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int held = labels[i];
            labels[i] = labels[j];
            labels[j] = held;
        }
        return labels;
    }

    /** How often each class occurs among the drawn indices, checking every index is in range. */
    static long[] classHistogram(int[] indices, int[] labels, int classes) {
        long[] histogram = new long[classes];
        for (int index : indices) {
            requireInRange(index, labels.length);
            histogram[labels[index]]++;
        }
        return histogram;
    }

    /** Adds the drawn images to a per-image tally, checking every index is in range. */
    static void tally(int[] indices, long[] perImage) {
        for (int index : indices) {
            requireInRange(index, perImage.length);
            perImage[index]++;
        }
    }

    // A plain check: an AssertJ assertion per index would dominate the tests' time.
    private static void requireInRange(int index, int size) {
        if (index < 0 || index >= size) {
            throw new AssertionError("index " + index + " is outside [0, " + size + ")");
        }
    }

    /**
     * The largest |observed - n p| / sqrt(n p (1 - p)) over the classes; infinite if a class with
     * p = 0 (or 1) is off at all.
     */
    static double largestZ(long[] observed, double[] p) {
        long n = 0;
        for (long count : observed) {
            n += count;
        }
        double largest = 0;
        for (int c = 0; c < p.length; c++) {
            double expected = n * p[c];
            double sd = Math.sqrt(n * p[c] * (1 - p[c]));
            double deviation = Math.abs(observed[c] - expected);
            double z = sd == 0 ? (deviation < 1e-9 ? 0 : Double.POSITIVE_INFINITY) : deviation / sd;
            largest = Math.max(largest, z);
        }
        return largest;
    }

    /** Class histogram of {@code epochs} epochs at a fixed epoch number. */
    static long[] histogramOfEpochs(EpochSampler sampler, int epochNumber, int epochs, int[] labels, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] histogram = new long[classes];
        for (int e = 0; e < epochs; e++) {
            long[] one = classHistogram(sampler.epoch(epochNumber, random), labels, classes);
            for (int c = 0; c < classes; c++) {
                histogram[c] += one[c];
            }
        }
        return histogram;
    }
}
