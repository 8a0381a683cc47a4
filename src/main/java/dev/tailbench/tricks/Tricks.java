package dev.tailbench.tricks;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Samplers;
import dev.tailbench.api.TrickSpec;
import dev.tailbench.tricks.loss.CrossEntropyLoss;
import dev.tailbench.tricks.loss.LossFunction;
import dev.tailbench.tricks.sampling.ClassWeightedSampler;
import dev.tailbench.tricks.sampling.EpochSampler;
import dev.tailbench.tricks.sampling.InstanceBalancedSampler;
import dev.tailbench.tricks.sampling.RandomOverSampler;
import dev.tailbench.tricks.sampling.RandomUnderSampler;

/** Maps trick specs to implementations, given the training set's class counts. */
public final class Tricks {

    private Tricks() {
    }

    /** The loss a spec names. */
    public static LossFunction loss(TrickSpec spec, int[] classCounts) {
        requireFamily(spec, Losses.FAMILY);
        return switch (spec.name()) {
            case "cross-entropy" -> new CrossEntropyLoss();
            default -> throw unknown(spec);
        };
    }

    /**
     * The sampler a spec names, over a training set with the given labels.
     *
     * @param labels      label of every training image the sampler draws from
     * @param classCounts images per class among {@code labels}
     * @param totalEpochs epochs of the whole run (progressive sampling moves over them)
     */
    public static EpochSampler sampler(TrickSpec spec, int[] labels, int[] classCounts, int totalEpochs) {
        requireFamily(spec, Samplers.FAMILY);
        return switch (spec.name()) {
            case "instance-balanced" -> new InstanceBalancedSampler(labels.length);
            case "class-balanced" -> ClassWeightedSampler.classBalanced(labels, classCounts);
            case "square-root" -> ClassWeightedSampler.squareRoot(labels, classCounts);
            case "progressive" -> ClassWeightedSampler.progressive(labels, classCounts, totalEpochs);
            case "reverse" -> ClassWeightedSampler.reverse(labels, classCounts);
            case "random-over-sampling" -> new RandomOverSampler(labels, classCounts);
            case "random-under-sampling" -> new RandomUnderSampler(labels, classCounts);
            default -> throw unknown(spec);
        };
    }

    private static void requireFamily(TrickSpec spec, String family) {
        if (!spec.family().equals(family)) {
            throw new IllegalArgumentException("expected a " + family + " but got " + spec);
        }
    }

    private static IllegalArgumentException unknown(TrickSpec spec) {
        return new IllegalArgumentException("no implementation of the " + spec.family() + " '" + spec.name() + "'");
    }
}
