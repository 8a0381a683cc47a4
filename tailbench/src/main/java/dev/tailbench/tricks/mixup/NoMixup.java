package dev.tailbench.tricks.mixup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;

import dev.tailbench.model.Backbone;
import dev.tailbench.tricks.loss.LossFunction;

import java.util.random.RandomGenerator;

/** Plain training: the loss of the network's output for the batch's own labels; draws nothing. */
public final class NoMixup implements BatchObjective {

    @Override
    public NDArray loss(Backbone network, ParameterStore parameters, NDArray images, NDArray labels,
                        LossFunction loss, RandomGenerator random) {
        NDArray logits = network.forward(parameters, new NDList(images), true).singletonOrThrow();
        return loss.evaluate(logits, labels);
    }

    @Override
    public String toString() {
        return "no mixup";
    }
}
