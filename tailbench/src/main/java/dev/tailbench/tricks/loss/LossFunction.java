package dev.tailbench.tricks.loss;

import ai.djl.ndarray.NDArray;

/**
 * A training loss, split into each sample's share so that mixup can mix two label sets sample by
 * sample (remix gives every sample its own label weight).
 *
 * <p>Contract: {@link #perSample} returns N values whose mean is the batch loss exactly as the
 * reference implementation reduces it. For a class-weighted loss reduced like PyTorch's
 * {@code cross_entropy(weight = w)} (sum of w_y l / sum of w_y), sample i's share is
 * {@code N * w_yi * l_i / sum_j w_yj}. Mixup with one lambda for the batch then gives
 * {@code lambda * L(a) + (1 - lambda) * L(b)}, the reference code's form, and per-sample lambdas
 * reduce to it when all are equal.
 */
public interface LossFunction {

    /**
     * Each sample's share of the batch loss.
     *
     * @param logits N x C class scores (the network's output; a loss may rescale or shift them)
     * @param labels N integer labels (int32 or int64)
     * @return N values whose mean is the batch loss, differentiable with respect to {@code logits}
     */
    NDArray perSample(NDArray logits, NDArray labels);

    /**
     * The batch loss: the mean of {@link #perSample}.
     *
     * @return a scalar, differentiable with respect to {@code logits}
     */
    default NDArray evaluate(NDArray logits, NDArray labels) {
        return perSample(logits, labels).mean();
    }
}
