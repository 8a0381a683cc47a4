package dev.tailbench.tricks.mixup;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

import dev.tailbench.model.Backbone;
import dev.tailbench.tricks.loss.LossFunction;

import java.util.random.RandomGenerator;

/** How a training batch becomes a loss: runs the forward pass itself, so mixup can act inside the network. */
public interface BatchObjective {

    /**
     * Runs the network in training mode on one batch and reduces its output to the training loss.
     * Every array it creates lives on the manager of {@code images}.
     *
     * @param network    the network being trained
     * @param parameters the parameter store of the run
     * @param images     the batch, N x C x H x W, already augmented and normalised
     * @param labels     N integer labels (int32 or int64), on the same manager as {@code images}
     * @param loss       the recipe's loss
     * @param random     the run's random source; mixups draw lambda and the pairing from it
     * @return the batch's training loss, a scalar differentiable w.r.t. the network's parameters
     */
    NDArray loss(Backbone network, ParameterStore parameters, NDArray images, NDArray labels,
                 LossFunction loss, RandomGenerator random);
}
