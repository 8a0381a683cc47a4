package dev.tailbench.tricks.sampling;

import java.util.Arrays;

/**
 * The share p_c of each class among the images a sampler puts into one epoch, as a pure function
 * of the class counts n_c (and, for progressive sampling, of the epoch).
 *
 * <p>The class-weighted samplers draw from exactly these probabilities; for the other samplers
 * they are the exact shares of an epoch. A class without images gets probability 0 and the others
 * are renormalised to sum to 1.
 */
public final class SamplingProbabilities {

    private SamplingProbabilities() {
    }

    /** Instance-balanced: p_c = n_c / N. */
    public static double[] instanceBalanced(int[] classCounts) {
        double[] weights = new double[checked(classCounts).length];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = classCounts[c];
        }
        return normalised(weights, classCounts);
    }

    /** Class-balanced: p_c = 1 / C over the classes with images. */
    public static double[] classBalanced(int[] classCounts) {
        double[] weights = new double[checked(classCounts).length];
        Arrays.fill(weights, 1.0);
        return normalised(weights, classCounts);
    }

    /** Square-root: p_c proportional to sqrt(n_c). */
    public static double[] squareRoot(int[] classCounts) {
        double[] weights = new double[checked(classCounts).length];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = Math.sqrt(classCounts[c]);
        }
        return normalised(weights, classCounts);
    }

    /**
     * Progressively-balanced: p_c(e) = (e / E) / C + (1 - e / E) n_c / N at the 1-based epoch
     * e = {@code epoch} + 1 of E = {@code totalEpochs}. The reference code counts epochs from 1, so
     * the first epoch is already 1/E of the way to class-balanced and the last is class-balanced.
     *
     * @param epoch       0-based epoch of the whole run
     * @param totalEpochs epochs of the whole run
     * @throws IllegalArgumentException if {@code epoch} is outside [0, totalEpochs)
     */
    public static double[] progressive(int[] classCounts, int epoch, int totalEpochs) {
        checked(classCounts);
        if (totalEpochs <= 0) {
            throw new IllegalArgumentException("progressive sampling needs a positive number of epochs, not " + totalEpochs);
        }
        if (epoch < 0 || epoch >= totalEpochs) {
            throw new IllegalArgumentException("epoch " + epoch + " is outside the run's epochs [0, " + totalEpochs + ")");
        }
        double progress = (epoch + 1) / (double) totalEpochs;
        double classes = classCounts.length;
        double total = total(classCounts);
        double[] weights = new double[classCounts.length];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = progress / classes + (1 - progress) * classCounts[c] / total;
        }
        return normalised(weights, classCounts);
    }

    /** BBN's reverse sampler: p_c proportional to n_max / n_c. */
    public static double[] reverse(int[] classCounts) {
        double largest = 0;
        for (int count : checked(classCounts)) {
            largest = Math.max(largest, count);
        }
        double[] weights = new double[classCounts.length];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = classCounts[c] == 0 ? 0 : largest / classCounts[c];
        }
        return normalised(weights, classCounts);
    }

    /** Random over-sampling: n_max images of every class with images, so equal shares. */
    public static double[] randomOverSampling(int[] classCounts) {
        return classBalanced(classCounts);
    }

    /** Random under-sampling: n_min images of every class with images, so equal shares. */
    public static double[] randomUnderSampling(int[] classCounts) {
        return classBalanced(classCounts);
    }

    private static int[] checked(int[] classCounts) {
        if (classCounts == null || classCounts.length == 0) {
            throw new IllegalArgumentException("no classes to sample from");
        }
        long total = 0;
        for (int c = 0; c < classCounts.length; c++) {
            if (classCounts[c] < 0) {
                throw new IllegalArgumentException("class " + c + " has a negative count " + classCounts[c]);
            }
            total += classCounts[c];
        }
        if (total == 0) {
            throw new IllegalArgumentException("no images to sample from");
        }
        return classCounts;
    }

    private static double total(int[] classCounts) {
        double total = 0;
        for (int count : classCounts) {
            total += count;
        }
        return total;
    }

    // Classes without images cannot be drawn, whatever a formula gives them.
    private static double[] normalised(double[] weights, int[] classCounts) {
        double sum = 0;
        for (int c = 0; c < weights.length; c++) {
            if (classCounts[c] == 0) {
                weights[c] = 0;
            }
            sum += weights[c];
        }
        for (int c = 0; c < weights.length; c++) {
            weights[c] /= sum;
        }
        return weights;
    }
}
