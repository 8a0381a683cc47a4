package dev.tailbench.tricks.loss;

import ai.djl.ndarray.NDArray;

/**
 * Logit-adjusted cross-entropy (Menon et al., ICLR 2021): the cross-entropy of z_c + tau log pi_c,
 * with pi_c = n_c / N the label prior of the training set. The model learns scores that are
 * calibrated for a balanced label distribution; tau 0 is plain cross-entropy, and tau 1 trains the
 * same model as balanced softmax.
 */
public final class LogitAdjustedLoss implements LossFunction {

    private static final String NAME = "logit-adjusted";

    private final double[] offsets;
    private final CrossEntropyLoss crossEntropy = new CrossEntropyLoss();

    /**
     * @param classCounts n_c, every one at least 1 (the log prior of an empty class is minus infinity)
     * @param tau         the scale of the adjustment, at least 0
     */
    public LogitAdjustedLoss(int[] classCounts, double tau) {
        offsets = scaledLogPriors(NAME, classCounts, tau);
    }

    /**
     * tau log(n_c / N) per class.
     *
     * @param trick named in the message when a class is empty or tau is out of range
     */
    public static double[] scaledLogPriors(String trick, int[] classCounts, double tau) {
        ClassCounts.requirePositive(trick, classCounts);
        if (!(tau >= 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException(trick + ": tau must be finite and >= 0, got " + tau);
        }
        double total = ClassCounts.total(classCounts);
        double[] offsets = new double[classCounts.length];
        for (int c = 0; c < classCounts.length; c++) {
            offsets[c] = tau * Math.log(classCounts[c] / total);
        }
        return offsets;
    }

    /** The offsets tau log pi_c added to the logits (a copy). */
    public double[] logitOffsets() {
        return ClassVectors.copy(offsets);
    }

    @Override
    public NDArray perSample(NDArray logits, NDArray labels) {
        return crossEntropy.perSample(logits.add(ClassVectors.row(NAME, logits, offsets)), labels);
    }
}
