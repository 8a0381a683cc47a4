package dev.tailbench.tricks.mixup;

import ai.djl.ndarray.NDArray;

import dev.tailbench.tricks.loss.LossFunction;

/** The loss of outputs whose inputs were mixed with one lambda for the whole batch. */
final class MixedLabels {

    private MixedLabels() {
    }

    /** {@code lambda * L(logits, labels) + (1 - lambda) * L(logits, partnerLabels)}, a scalar. */
    static NDArray loss(LossFunction loss, NDArray logits, NDArray labels, NDArray partnerLabels, double lambda) {
        // Float scalars: DJL turns a Java double into a float64 tensor, and with both operands
        // 0-dimensional PyTorch would promote the loss to float64.
        return loss.evaluate(logits, labels).mul((float) lambda)
                .add(loss.evaluate(logits, partnerLabels).mul((float) (1 - lambda)));
    }
}
