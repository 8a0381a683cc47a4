package dev.tailbench.tricks.mixup;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

import dev.tailbench.model.Backbone;
import dev.tailbench.tricks.loss.LossFunction;

import java.util.random.RandomGenerator;

/**
 * Input mixup (Zhang et al., ICLR 2018): the network sees {@code lambda x_a + (1 - lambda) x_b}
 * and the loss is {@code lambda L(a) + (1 - lambda) L(b)}, with lambda ~ Beta(alpha, alpha) once
 * per batch and b a random permutation of the batch.
 */
public final class InputMixup implements BatchObjective {

    private final double alpha;

    /** @param alpha the Beta distribution's shape parameters, positive */
    public InputMixup(double alpha) {
        this.alpha = MixupParameters.positive("alpha", alpha);
    }

    @Override
    public NDArray loss(Backbone network, ParameterStore parameters, NDArray images, NDArray labels,
                        LossFunction loss, RandomGenerator random) {
        MixedForward forward = MixedForward.run(alpha, network, parameters, images, labels, random);
        return MixedLabels.loss(loss, forward.logits(), labels, forward.partnerLabels(), forward.lambda());
    }

    @Override
    public String toString() {
        return "input mixup (alpha " + alpha + ")";
    }
}
