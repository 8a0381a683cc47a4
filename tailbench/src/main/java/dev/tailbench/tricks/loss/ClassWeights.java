package dev.tailbench.tricks.loss;

/**
 * Per-class loss weights of the re-weighting tricks, computed in plain doubles from the class
 * counts n_c (as the reference code computes them in numpy before moving them to the device).
 */
public final class ClassWeights {

    private ClassWeights() {
    }

    /**
     * Cost-sensitive weights (n_min / n_c)^gamma, not normalised: the reference uses them in a
     * weighted mean (cross-entropy), where a common factor cancels, and as plain factors (focal).
     *
     * @param loss        name of the loss, for error messages
     * @param classCounts n_c, every one at least 1
     * @param gamma       exponent; 1 is "CS_CE", 0.5 the "square" variant
     * @return one weight per class; 1 for the smallest class
     * @throws IllegalArgumentException if a class has no images
     */
    public static double[] costSensitive(String loss, int[] classCounts, double gamma) {
        ClassCounts.requirePositive(loss, classCounts);
        double smallest = ClassCounts.min(classCounts);
        double[] weights = new double[classCounts.length];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = Math.pow(smallest / classCounts[c], gamma);
        }
        return weights;
    }

    /**
     * Class-balanced weights (Cui et al. 2019): (1 - beta) / (1 - beta^n_c), the inverse effective
     * number of samples, normalised to sum to the number of classes. Beta 0 gives all ones.
     *
     * @param loss        name of the loss, for error messages
     * @param classCounts n_c, every one at least 1 (beta^0 = 1 would divide by zero)
     * @param beta        in [0, 1)
     * @return one weight per class, summing to the number of classes
     * @throws IllegalArgumentException if a class has no images or beta is outside [0, 1)
     */
    public static double[] classBalanced(String loss, int[] classCounts, double beta) {
        ClassCounts.requirePositive(loss, classCounts);
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(loss + "(beta = " + beta + ") must be in [0, 1)");
        }
        double[] weights = new double[classCounts.length];
        double sum = 0;
        for (int c = 0; c < weights.length; c++) {
            weights[c] = (1 - beta) / (1 - Math.pow(beta, classCounts[c]));
            sum += weights[c];
        }
        for (int c = 0; c < weights.length; c++) {
            weights[c] = weights[c] / sum * weights.length;
        }
        return weights;
    }
}
