package dev.tailbench.tricks.mixup;

import java.util.random.RandomGenerator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;

import dev.tailbench.model.Backbone;

/**
 * The forward pass input mixup and remix share: one lambda and one partner permutation drawn for
 * the batch, the images mixed, the network run on the mixture. The two differ only in how they
 * weight the two labels afterwards.
 *
 * @param logits        the network's output on the mixed images
 * @param partnerLabels the label of each sample's partner
 * @param lambda        the batch's mixing weight (of the sample's own image)
 */
record MixedForward(NDArray logits, NDArray partnerLabels, double lambda) {

    static MixedForward run(double alpha, Backbone network, ParameterStore parameters, NDArray images,
            NDArray labels, RandomGenerator random) {
        MixDraw draw = MixDraw.draw(alpha, Math.toIntExact(images.getShape().get(0)), random);
        NDArray index = draw.index(images);
        NDArray logits = network.forward(parameters, new NDList(draw.mix(images, index)), true).singletonOrThrow();
        return new MixedForward(logits, MixDraw.partners(labels, index), draw.lambda());
    }
}
