package dev.tailbench.tricks.rebalance;

import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * What a training stage trains on top of the frozen, pooled features: the part that differs
 * between cRT ({@link RetrainedHead}) and LWS ({@link ScaledHead}).
 */
interface StageHead extends AutoCloseable {

    /**
     * The frozen computation from pooled features to the trained part's input; the caller runs it
     * without recording gradients.
     *
     * @param pooled     N x F pooled backbone features
     * @param parameters the network's parameter store
     * @return N x F features (cRT) or N x C logits of the frozen classifier (LWS), on pooled's manager
     */
    NDArray frozen(NDArray pooled, ParameterStore parameters);

    /**
     * The logits, differentiable with respect to {@link #trainable()}; called inside the gradient
     * collector.
     *
     * @param frozen     what {@link #frozen} returned
     * @param parameters the network's parameter store
     * @return N x C logits on frozen's manager
     */
    NDArray logits(NDArray frozen, ParameterStore parameters);

    /** @return the arrays the optimiser updates, by a stable id for its momentum buffers */
    Map<String, NDArray> trainable();

    /** Puts the current result into the network's parameters, so its plain forward pass gives it. */
    void publish();

    /** Undoes {@link #publish}, exactly, so that training continues from where it was. */
    void withdraw();

    /** Leaves the final result in the network's parameters and frees what the head created. */
    @Override
    void close();
}
