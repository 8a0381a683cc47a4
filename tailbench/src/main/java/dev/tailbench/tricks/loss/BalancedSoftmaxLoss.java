package dev.tailbench.tricks.loss;

import ai.djl.ndarray.NDArray;

/**
 * Balanced softmax cross-entropy (Ren et al., NeurIPS 2020): the cross-entropy of
 * z_c + log n_c, that is of the softmax n_c e^z_c / sum_k n_k e^z_k, which compensates the
 * label prior of the long-tailed training set.
 */
public final class BalancedSoftmaxLoss implements LossFunction {

    private static final String NAME = "balanced-softmax";

    private final double[] logPriors;
    private final CrossEntropyLoss crossEntropy = new CrossEntropyLoss();

    /** @param classCounts n_c, every one at least 1 (log 0 would be minus infinity) */
    public BalancedSoftmaxLoss(int[] classCounts) {
        ClassCounts.requirePositive(NAME, classCounts);
        logPriors = new double[classCounts.length];
        for (int c = 0; c < classCounts.length; c++) {
            logPriors[c] = Math.log(classCounts[c]);
        }
    }

    /** The offsets log n_c added to the logits (a copy). */
    public double[] logitOffsets() {
        return ClassVectors.copy(logPriors);
    }

    @Override
    public NDArray perSample(NDArray logits, NDArray labels) {
        return crossEntropy.perSample(logits.add(ClassVectors.row(NAME, logits, logPriors)), labels);
    }
}
