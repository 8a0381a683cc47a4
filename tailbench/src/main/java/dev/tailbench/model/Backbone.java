package dev.tailbench.model;

import java.util.List;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * What the tricks need of a network: a feature extractor, a pooling to one vector per image, and a
 * classifier on that vector, such that the forward pass is {@code classifier(pool(features(x)))}.
 * Class activation maps, classifier re-balancing and manifold mixup run these pieces separately, so
 * they work on any backbone that offers them: the CIFAR ResNets ({@link CifarResNet}) and the
 * ImageNet ResNets of the large benchmarks ({@link ImageNetResNet}).
 */
public interface Backbone extends Block {

    /** The feature extractor: N x C x H x W images to N x F x h x w maps. */
    Block features();

    /** The classifier: N x F pooled features to N x classes logits. */
    Block classifier();

    /** Pools feature maps (N x F x h x w) to N x F, as the forward pass does. */
    NDArray pool(NDArray featureMaps);

    /** The number of classes of the classifier. */
    int getNumClasses();

    /** F, the channels of the feature maps and the width of the pooled features. */
    int getFeatureChannels();

    /** The points of the forward pass where {@link #forwardMixing} can replace the hidden state, in order. */
    List<String> mixingPoints();

    /**
     * The forward pass with the hidden state at one of {@link #mixingPoints()} replaced by a
     * function of it (manifold mixup); with the identity, the logits of the normal forward pass.
     *
     * @throws IllegalArgumentException for a point this backbone does not have
     */
    NDList forwardMixing(ParameterStore parameters, NDArray x, boolean training, String point,
            UnaryOperator<NDArray> atPoint);
}
