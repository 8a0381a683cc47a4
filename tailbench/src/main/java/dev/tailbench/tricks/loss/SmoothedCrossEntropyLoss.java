package dev.tailbench.tricks.loss;

import dev.tailbench.api.Losses;

import ai.djl.ndarray.NDArray;

import java.util.Arrays;

/**
 * Cross-entropy against smoothed targets with a smoothing factor per class: sample i of class y
 * is trained towards (1 - s_y) one-hot(y) + s_y / C, that is
 * l_i = (1 - s_y) (-log p_y) + s_y mean_c(-log p_c), averaged over the batch. Label smoothing
 * uses one factor for every class; label-aware smoothing (Zhong et al., CVPR 2021) derives it
 * from the class sizes, smoothing the head classes more.
 */
public final class SmoothedCrossEntropyLoss implements LossFunction {

    private final String name;
    private final double[] smoothing;

    /**
     * @param name      the loss's name, for error messages
     * @param smoothing s_c per class, each in [0, 1]
     */
    public SmoothedCrossEntropyLoss(String name, double[] smoothing) {
        for (int c = 0; c < smoothing.length; c++) {
            if (!(smoothing[c] >= 0 && smoothing[c] <= 1)) {
                throw new IllegalArgumentException(name + ": the smoothing of class " + c + " must be in [0, 1], got "
                        + smoothing[c]);
            }
        }
        this.name = name;
        this.smoothing = ClassVectors.copy(smoothing);
    }

    /** Label smoothing (Szegedy et al. 2016): targets (1 - epsilon) one-hot + epsilon / C. */
    public static SmoothedCrossEntropyLoss labelSmoothing(int classes, double epsilon) {
        double[] smoothing = new double[classes];
        Arrays.fill(smoothing, epsilon);
        return new SmoothedCrossEntropyLoss("label-smoothing", smoothing);
    }

    /** Label-aware smoothing with the factors of {@link #labelAwareFactors}. */
    public static SmoothedCrossEntropyLoss labelAware(int[] classCounts, double head, double tail, String shape) {
        return new SmoothedCrossEntropyLoss("label-aware-smoothing", labelAwareFactors(classCounts, head, tail, shape));
    }

    /**
     * The smoothing factor of every class in label-aware smoothing, as the reference code
     * computes it: with x_c = (n_c - n_min) / (n_max - n_min) in [0, 1],
     * concave s = tail + (head - tail) sin(x pi / 2),
     * linear s = tail + (head - tail) x,
     * convex s = head + (head - tail) sin(3 pi / 2 + x pi / 2);
     * each goes from {@code tail} for the smallest class to {@code head} for the largest.
     *
     * <p>When every class has the same count, x is 0 / 0 (the reference yields NaN): every class
     * is then a head class and gets {@code head}.
     *
     * @param classCounts n_c
     * @param head        factor of the largest class
     * @param tail        factor of the smallest class
     * @param shape       "concave", "linear" or "convex"
     * @return s_c per class
     */
    public static double[] labelAwareFactors(int[] classCounts, double head, double tail, String shape) {
        ClassCounts.requireClasses("label-aware-smoothing", classCounts);
        if (!Losses.SMOOTHING_SHAPES.contains(shape)) {
            throw new IllegalArgumentException("label-aware-smoothing(shape = \"" + shape + "\") must be one of "
                    + Losses.SMOOTHING_SHAPES.stream().sorted().toList());
        }
        int smallest = ClassCounts.min(classCounts);
        int largest = ClassCounts.max(classCounts);
        double[] smoothing = new double[classCounts.length];
        for (int c = 0; c < smoothing.length; c++) {
            if (largest == smallest) {
                smoothing[c] = head;
                continue;
            }
            double x = (double) (classCounts[c] - smallest) / (largest - smallest);
            smoothing[c] = switch (shape) {
                case "concave" -> tail + (head - tail) * Math.sin(x * Math.PI / 2);
                case "linear" -> tail + (head - tail) * x;
                case "convex" -> head + (head - tail) * Math.sin(1.5 * Math.PI + x * Math.PI / 2);
                default -> throw new IllegalStateException("unreachable: shape checked above");
            };
        }
        return smoothing;
    }

    /** The smoothing factor s_c of every class (a copy). */
    public double[] smoothing() {
        return ClassVectors.copy(smoothing);
    }

    @Override
    public NDArray perSample(NDArray logits, NDArray labels) {
        NDArray sampleSmoothing = ClassVectors.ofLabels(name, logits, smoothing, labels);
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray negativeLogLikelihood = logProbabilities.gather(ClassVectors.indices(labels).reshape(-1, 1), 1)
                .reshape(-1).neg();
        NDArray uniformTargetLoss = logProbabilities.mean(new int[] {1}).neg();
        return negativeLogLikelihood.mul(sampleSmoothing.neg().add(1)).add(uniformTargetLoss.mul(sampleSmoothing));
    }
}
