package dev.tailbench.tricks.loss;

import java.util.Arrays;

/**
 * Checks on the training set's class counts n_c before a loss derives its constants from them.
 * A tiny or sub-sampled training set can leave a class without images; formulas that divide by
 * n_c or take its logarithm must refuse such a set with a message a user can act on, rather than
 * train on infinities.
 */
final class ClassCounts {

    private ClassCounts() {
    }

    /**
     * Refuses counts unless every class has at least one image.
     *
     * @param loss        name of the loss, for the message
     * @param classCounts n_c per class
     * @return {@code classCounts}
     */
    static int[] requirePositive(String loss, int[] classCounts) {
        requireClasses(loss, classCounts);
        for (int c = 0; c < classCounts.length; c++) {
            if (classCounts[c] <= 0) {
                throw new IllegalArgumentException(loss + " needs at least one training image of every class, but class "
                        + c + " has " + classCounts[c] + " (class counts " + Arrays.toString(classCounts) + ")");
            }
        }
        return classCounts;
    }

    /**
     * Refuses counts that are empty or negative.
     *
     * @param loss        name of the loss, for the message
     * @param classCounts n_c per class
     * @return {@code classCounts}
     */
    static int[] requireClasses(String loss, int[] classCounts) {
        if (classCounts == null || classCounts.length == 0) {
            throw new IllegalArgumentException(loss + " needs the class counts of at least one class");
        }
        for (int c = 0; c < classCounts.length; c++) {
            if (classCounts[c] < 0) {
                throw new IllegalArgumentException(loss + ": class " + c + " has a negative count " + classCounts[c]);
            }
        }
        return classCounts;
    }

    static int min(int[] classCounts) {
        return Arrays.stream(classCounts).min().orElseThrow();
    }

    static int max(int[] classCounts) {
        return Arrays.stream(classCounts).max().orElseThrow();
    }

    static long total(int[] classCounts) {
        return Arrays.stream(classCounts).asLongStream().sum();
    }

    /**
     * T(f_c) = 1[n_c / sum_k n_k &lt; lambda] per class: the rare classes of the equalization losses.
     *
     * @throws IllegalArgumentException when there are no classes or no images
     */
    static boolean[] rare(String loss, int[] classCounts, double lambda) {
        long total = requireImages(loss, classCounts);
        boolean[] rare = new boolean[classCounts.length];
        for (int c = 0; c < rare.length; c++) {
            rare[c] = (double) classCounts[c] / total < lambda;
        }
        return rare;
    }

    /**
     * The number of images, after checking that there are classes and images.
     *
     * @throws IllegalArgumentException when there are no classes or no images
     */
    static long requireImages(String loss, int[] classCounts) {
        requireClasses(loss, classCounts);
        long total = total(classCounts);
        if (total == 0) {
            throw new IllegalArgumentException(loss + " needs training images, but every class count is 0");
        }
        return total;
    }
}
