package dev.tailbench.model;

import java.util.Optional;
import java.util.Set;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import dev.tailbench.spec.BackboneDepths;

/** Name-based registry of the backbones experiments can ask for. */
public final class Backbones {

    private Backbones() {}

    /**
     * Creates an uninitialised backbone.
     *
     * @param name one of {@link #names()}
     * @param inputChannels channels of the input images
     * @param numClasses number of output classes
     * @return the network
     * @throws IllegalArgumentException for an unknown name
     */
    public static Backbone create(String name, int inputChannels, int numClasses) {
        return create(name, inputChannels, numClasses, false);
    }

    /**
     * Creates an uninitialised backbone, optionally with a cosine classifier head
     * ({@link NormalisedLinear}), which LDAM needs.
     *
     * @param name one of {@link #names()}
     * @param inputChannels channels of the input images
     * @param numClasses number of output classes
     * @param normalisedClassifier whether the head is a {@link NormalisedLinear} instead of a Linear layer
     * @return the network
     * @throws IllegalArgumentException for an unknown name
     */
    public static Backbone create(String name, int inputChannels, int numClasses, boolean normalisedClassifier) {
        if (!BackboneDepths.isKnown(name)) {
            throw new IllegalArgumentException(
                    "Unknown backbone '" + name + "'; known: " + String.join(", ", BackboneDepths.names()));
        }
        Optional<Integer> depth = BackboneDepths.depth(name);
        if (depth.isEmpty()) {
            return ImageNetResNet.create(name, inputChannels, numClasses, normalisedClassifier);
        }
        return CifarResNet.builder()
                .setDepth(depth.get())
                .setNumClasses(numClasses)
                .optInputChannels(inputChannels)
                .optNormalisedClassifier(normalisedClassifier)
                .build();
    }

    /** @return the known backbone names */
    public static Set<String> names() {
        return BackboneDepths.names();
    }

    /**
     * @param name a backbone name
     * @return whether {@link #create} knows it
     */
    public static boolean exists(String name) {
        return BackboneDepths.isKnown(name);
    }

    /**
     * Counts the weights an optimiser would train. BatchNorm's running mean and variance are DJL
     * {@link Parameter}s too, but they do not require gradients and are not counted, matching
     * {@code sum(p.numel() for p in model.parameters() if p.requires_grad)}.
     *
     * @param block an initialised block
     * @return the number of trainable scalars
     * @throws IllegalStateException if the block is not initialised
     */
    public static long trainableParameterCount(Block block) {
        long count = 0;
        for (Parameter p : block.getParameters().values()) {
            if (!p.requiresGradient()) {
                continue;
            }
            if (!p.isInitialized()) {
                throw new IllegalStateException(
                        "Parameter " + p.getName() + " is not initialised; call initialize first");
            }
            count += p.getArray().size();
        }
        return count;
    }
}
