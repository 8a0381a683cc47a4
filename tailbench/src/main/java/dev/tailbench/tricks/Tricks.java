package dev.tailbench.tricks;

import java.util.function.IntFunction;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Mixups;
import dev.tailbench.api.Samplers;
import dev.tailbench.api.TrickSpec;
import dev.tailbench.tricks.loss.BalancedSoftmaxLoss;
import dev.tailbench.tricks.loss.ClassRectificationLoss;
import dev.tailbench.tricks.loss.EqualizationLossV2;
import dev.tailbench.tricks.loss.LogitAdjustedLoss;
import dev.tailbench.tricks.loss.SigmoidEqualizationLoss;
import dev.tailbench.tricks.loss.ClassDependentTemperatureLoss;
import dev.tailbench.tricks.loss.CrossEntropyLoss;
import dev.tailbench.tricks.loss.FocalLoss;
import dev.tailbench.tricks.loss.LdamLoss;
import dev.tailbench.tricks.loss.LossFunction;
import dev.tailbench.tricks.loss.SmoothedCrossEntropyLoss;
import dev.tailbench.tricks.loss.SoftmaxEqualizationLoss;
import dev.tailbench.tricks.loss.WeightedCrossEntropyLoss;
import dev.tailbench.tricks.mixup.BatchObjective;
import dev.tailbench.tricks.mixup.InputMixup;
import dev.tailbench.tricks.mixup.ManifoldMixup;
import dev.tailbench.tricks.mixup.NoMixup;
import dev.tailbench.tricks.mixup.Remix;
import dev.tailbench.tricks.sampling.BbnStyleSampler;
import dev.tailbench.tricks.sampling.ClassWeightedSampler;
import dev.tailbench.tricks.sampling.EpochSampler;
import dev.tailbench.tricks.sampling.InstanceBalancedSampler;
import dev.tailbench.tricks.sampling.RandomOverSampler;
import dev.tailbench.tricks.sampling.RandomUnderSampler;
import dev.tailbench.tricks.sampling.SamplingProbabilities;

/** Maps trick specs to implementations, given the training set's class counts. */
public final class Tricks {

    private Tricks() {
    }

    /** The loss a spec names. */
    public static LossFunction loss(TrickSpec spec, int[] classCounts) {
        requireFamily(spec, Losses.FAMILY);
        return switch (spec.name()) {
            case "cross-entropy" -> new CrossEntropyLoss();
            case "cost-sensitive" -> WeightedCrossEntropyLoss.costSensitive(classCounts, spec.parameter("gamma"));
            case "class-balanced" -> WeightedCrossEntropyLoss.classBalanced(classCounts, spec.parameter("beta"));
            case "focal" -> FocalLoss.unweighted(classCounts.length, spec.parameter("gamma"));
            case "cost-sensitive-focal" -> FocalLoss.costSensitive(classCounts, spec.parameter("gamma"),
                    spec.parameter("weightGamma"));
            case "class-balanced-focal" -> FocalLoss.classBalanced(classCounts, spec.parameter("beta"),
                    spec.parameter("gamma"));
            case "label-smoothing" -> SmoothedCrossEntropyLoss.labelSmoothing(classCounts.length,
                    spec.parameter("epsilon"));
            case "label-aware-smoothing" -> SmoothedCrossEntropyLoss.labelAware(classCounts, spec.parameter("head"),
                    spec.parameter("tail"), spec.word("shape"));
            case "ldam" -> LdamLoss.fromCounts(classCounts, spec.parameter("scale"), spec.parameter("maxMargin"),
                    spec.parameter("beta"));
            case "cdt" -> ClassDependentTemperatureLoss.fromCounts(classCounts, spec.parameter("gamma"));
            case "balanced-softmax" -> new BalancedSoftmaxLoss(classCounts);
            case "logit-adjusted" -> new LogitAdjustedLoss(classCounts, spec.parameter("tau"));
            case "equalization" -> SigmoidEqualizationLoss.fromCounts(classCounts, spec.parameter("lambda"));
            case "equalization-v2" -> new EqualizationLossV2(classCounts.length, spec.parameter("gamma"),
                    spec.parameter("mu"), spec.parameter("alpha"));
            case "softmax-equalization" -> SoftmaxEqualizationLoss.fromCounts(classCounts, spec.parameter("gamma"),
                    spec.parameter("lambda"));
            case "class-rectification" -> ClassRectificationLoss.fromCounts(classCounts, spec.parameter("eta"),
                    spec.parameter("margin"), (int) spec.parameter("hardSamples"));
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
            case "bbn-style" -> new BbnStyleSampler(labels, classCounts);
            case "random-over-sampling" -> new RandomOverSampler(labels, classCounts);
            case "random-under-sampling" -> new RandomUnderSampler(labels, classCounts);
            default -> throw unknown(spec);
        };
    }

    /**
     * The class probabilities p_c, per 0-based epoch, of a class-weighted sampler a spec names, on
     * the given class counts: what the base sampler of CAM-based sampling and ImageTrans draws a
     * class with.
     *
     * @param classCounts images per class the probabilities are computed on
     * @param totalEpochs epochs of the whole run (progressive sampling moves over them)
     * @throws IllegalArgumentException if the spec is not a class-weighted sampler
     */
    public static IntFunction<double[]> classProbabilities(TrickSpec spec, int[] classCounts, int totalEpochs) {
        requireFamily(spec, Samplers.FAMILY);
        int[] counts = classCounts.clone();
        return switch (spec.name()) {
            case "class-balanced" -> fixed(SamplingProbabilities.classBalanced(counts));
            case "square-root" -> fixed(SamplingProbabilities.squareRoot(counts));
            case "reverse" -> fixed(SamplingProbabilities.reverse(counts));
            case "progressive" -> {
                // Fail here, not in the middle of a run.
                SamplingProbabilities.progressive(counts, 0, totalEpochs);
                yield epoch -> SamplingProbabilities.progressive(counts, epoch, totalEpochs);
            }
            default -> throw new IllegalArgumentException("the " + spec.family() + " '" + spec.name()
                    + "' does not draw classes by probability");
        };
    }

    private static IntFunction<double[]> fixed(double[] probabilities) {
        return epoch -> probabilities.clone();
    }

    /**
     * How a batch becomes a loss under the mixup a spec names.
     *
     * @param specOrNull  a mixup spec, or null for training without mixup
     * @param classCounts images per class of the training set (remix weighs labels by them)
     */
    public static BatchObjective mixup(TrickSpec specOrNull, int[] classCounts) {
        if (specOrNull == null) {
            return new NoMixup();
        }
        requireFamily(specOrNull, Mixups.FAMILY);
        return switch (specOrNull.name()) {
            case "input" -> new InputMixup(specOrNull.parameter("alpha"));
            case "manifold" -> new ManifoldMixup(specOrNull.parameter("alpha"), specOrNull.word("layer"));
            case "remix" -> new Remix(specOrNull.parameter("alpha"), specOrNull.parameter("kappa"),
                    specOrNull.parameter("tau"), classCounts);
            default -> throw unknown(specOrNull);
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
