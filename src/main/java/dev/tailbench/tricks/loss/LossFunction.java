package dev.tailbench.tricks.loss;

import ai.djl.ndarray.NDArray;

/** A training loss. */
public interface LossFunction {

    /**
     * The mean loss of a batch.
     *
     * @param logits N x C class scores
     * @param labels N integer labels
     * @return a scalar, differentiable with respect to {@code logits}
     */
    NDArray evaluate(NDArray logits, NDArray labels);
}
