package dev.tailbench.tricks.mixup;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

import dev.tailbench.model.Backbone;
import dev.tailbench.tricks.loss.LossFunction;

import java.util.random.RandomGenerator;

/**
 * Manifold mixup (Verma et al., ICML 2019) at one layer, as the reference code applies it: the
 * hidden state at {@code layer} becomes {@code lambda h_a + (1 - lambda) h_b} and the loss is
 * {@code lambda L(a) + (1 - lambda) L(b)}. The layers are the backbone's {@link Backbone#mixingPoints()}
 * (the CIFAR ResNet's: stem, layer1..3, pool); the reference code has no {@code stem} point (it
 * mixes after layer1..3, pool or fc), ours adds it.
 */
public final class ManifoldMixup implements BatchObjective {

    private final double alpha;
    private final String layer;

    /**
     * @param alpha the Beta distribution's shape parameters, positive
     * @param layer one of the backbone's {@link Backbone#mixingPoints()}, checked when it is known
     */
    public ManifoldMixup(double alpha, String layer) {
        this.alpha = MixupParameters.positive("alpha", alpha);
        this.layer = java.util.Objects.requireNonNull(layer, "layer");
    }

    @Override
    public NDArray loss(Backbone network, ParameterStore parameters, NDArray images, NDArray labels,
                        LossFunction loss, RandomGenerator random) {
        if (!network.mixingPoints().contains(layer)) {
            throw new IllegalArgumentException("manifold mixup: unknown layer '" + layer + "'; this backbone mixes at "
                    + String.join(", ", network.mixingPoints()));
        }
        MixDraw draw = MixDraw.draw(alpha, Math.toIntExact(images.getShape().get(0)), random);
        NDArray index = draw.index(images);
        NDArray logits = network.forwardMixing(parameters, images, true, layer, hidden -> draw.mix(hidden, index))
                .singletonOrThrow();
        return MixedLabels.loss(loss, logits, labels, MixDraw.partners(labels, index), draw.lambda());
    }

    @Override
    public String toString() {
        return "manifold mixup (alpha " + alpha + ", at " + layer + ")";
    }
}
