package dev.tailbench.model;

import java.util.List;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.initializer.XavierInitializer.FactorType;

/**
 * The CIFAR ResNet of He et al. 2016 (section 4.2) as used by the long-tail papers (LDAM-DRW,
 * BagofTricks-LT {@code resnet32}): depth 6n+2, three stages of n {@link BasicBlock}s with 16, 32
 * and 64 channels, option-A shortcuts, global average pooling and a linear classifier.
 *
 * <p>The network is split into two children, {@link #features()} (stem + stages, output
 * N x 64 x h x w) and {@link #classifier()} (the Linear layer), and the forward pass is exactly
 * {@code classifier(globalAveragePool(features(x)))}, so callers can run the pieces separately
 * for class activation maps or manifold mixup and get the same logits.
 *
 * <p>Initialisation follows BagofTricks-LT: Kaiming-normal (fan-in, gain sqrt 2) for the
 * convolution weights (its {@code resnet_cifar.py} applies {@code _weights_init} to the backbone),
 * BN gamma 1 and beta 0, and the linear head as PyTorch's {@code nn.Linear} starts, weight and bias
 * uniform in +-1/sqrt(fan_in) (the reference builds the head outside the backbone, in
 * {@code network.py}, so the Kaiming initialisation never reaches it). cRT's re-initialised head
 * draws from the same. LDAM's cosine head keeps its own initialisation.
 */
public final class CifarResNet extends ResNetBackbone {

    private static final byte VERSION = 1;
    private static final int[] STAGE_PLANES = {16, 32, 64};

    /**
     * The points of the forward pass where {@link #forwardMixing} can replace the hidden state, in
     * the order the pass reaches them: after the stem's conv-BN-ReLU ({@code stem}), after each of
     * the three stages ({@code layer1}..{@code layer3}) and after global average pooling
     * ({@code pool}).
     */
    public static final List<String> MIXING_POINTS = List.of("stem", "layer1", "layer2", "layer3", "pool");

    /** Children of {@link #features()} before the first BasicBlock: conv, BN, ReLU. */
    private static final int STEM_CHILDREN = 3;

    private final int depth;
    private final int numClasses;

    private CifarResNet(Builder builder) {
        super(VERSION, builder.inputChannels, MIXING_POINTS);
        depth = builder.depth;
        numClasses = builder.numClasses;
        int n = (depth - 2) / 6;

        SequentialBlock f = new ChannelsLast.Features();
        f.add(BasicBlock.conv3x3(STAGE_PLANES[0], 1))
                .add(BasicBlock.batchNorm())
                .add(Activation::relu);
        for (int stage = 0; stage < STAGE_PLANES.length; stage++) {
            for (int i = 0; i < n; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                f.add(new BasicBlock(STAGE_PLANES[stage], stride));
            }
        }
        // BagofTricks-LT's resnet_cifar.py: kaiming_normal_ with its default fan-in.
        attach(f, STAGE_PLANES[STAGE_PLANES.length - 1], numClasses, builder.normalisedClassifier, FactorType.IN);
    }

    /**
     * Returns a new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the depth, 6n+2 */
    public int getDepth() {
        return depth;
    }

    /** After the stem's three children, or after the last block of a stage; -1 for pool. */
    @Override
    protected int childAfterPoint(int pointIndex) {
        if (pointIndex == MIXING_POINTS.size() - 1) {
            return -1;
        }
        return STEM_CHILDREN - 1 + pointIndex * ((depth - 2) / 6);
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "CifarResNet(depth " + depth + ", " + numClasses + " classes)";
    }

    /** Builder for {@link CifarResNet}. */
    public static final class Builder {

        private int depth = -1;
        private int numClasses = -1;
        private int inputChannels = 3;
        private boolean normalisedClassifier;

        private Builder() {}

        /**
         * Sets the depth; must be 6n+2 with n at least 1 (8, 14, 20, 32, 44, 56, 110, ...).
         *
         * @param depth the number of weighted layers
         * @return this builder
         */
        public Builder setDepth(int depth) {
            if (depth < 8 || (depth - 2) % 6 != 0) {
                throw new IllegalArgumentException(
                        "CIFAR ResNet depth must be 6n+2 with n >= 1, got depth " + depth);
            }
            this.depth = depth;
            return this;
        }

        /**
         * Sets the number of output classes.
         *
         * @param numClasses at least 1
         * @return this builder
         */
        public Builder setNumClasses(int numClasses) {
            if (numClasses < 1) {
                throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
            }
            this.numClasses = numClasses;
            return this;
        }

        /**
         * Sets the number of input channels (default 3; 1 for grey images).
         *
         * @param inputChannels at least 1
         * @return this builder
         */
        public Builder optInputChannels(int inputChannels) {
            if (inputChannels < 1) {
                throw new IllegalArgumentException(
                        "inputChannels must be >= 1, got " + inputChannels);
            }
            this.inputChannels = inputChannels;
            return this;
        }

        /**
         * Chooses a cosine classifier ({@link NormalisedLinear}, no bias) instead of a Linear
         * layer, as LDAM trains with (default false).
         *
         * @param normalisedClassifier whether the head is normalised
         * @return this builder
         */
        public Builder optNormalisedClassifier(boolean normalisedClassifier) {
            this.normalisedClassifier = normalisedClassifier;
            return this;
        }

        /**
         * Builds the (uninitialised) network.
         *
         * @return the network
         */
        public CifarResNet build() {
            if (depth < 0) {
                throw new IllegalStateException("setDepth is required");
            }
            if (numClasses < 0) {
                throw new IllegalStateException("setNumClasses is required");
            }
            return new CifarResNet(this);
        }
    }
}
