package dev.tailbench.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

import dev.tailbench.api.Recipe;
import dev.tailbench.api.Samplers;
import dev.tailbench.api.TrickCatalogue;
import dev.tailbench.api.TrickSpec;
import dev.tailbench.tricks.Tricks;
import dev.tailbench.tricks.loss.LossFunction;
import dev.tailbench.tricks.mixup.BatchObjective;
import dev.tailbench.tricks.mixup.NoMixup;
import dev.tailbench.tricks.sampling.ClassMembers;
import dev.tailbench.tricks.sampling.ClassWeightedSampler;
import dev.tailbench.tricks.sampling.EpochSampler;

/**
 * The tricks one phase of a run trains with, built from the recipe for the phase's training set.
 *
 * @param name    {@code main}, {@code first}, {@code deferred} or {@code fine-tuning}
 * @param loss    the phase's loss
 * @param sampler the phase's sampler (its indices point into the phase's training images: for a
 *                generating sampler the enlarged set, original images first)
 * @param mixup   how a batch becomes a loss while mixup is on
 * @param tricks  the specs behind them, for the result
 */
record Phase(String name, LossFunction loss, EpochSampler sampler, BatchObjective mixup, Map<String, Object> tricks) {

    /** Training without mixup: the fine-tuning epochs of "fine-tuning without mixup". */
    static final BatchObjective NO_MIXUP = new NoMixup();

    /** The first (or only) phase. */
    static Phase first(Recipe recipe, int[] labels, int[] counts, int epochs, int mixupEpochs) {
        return of(recipe.isTwoStage() ? "first" : "main", recipe.loss(), recipe.sampler(), recipe, labels, counts, null,
                0, epochs, mixupEpochs);
    }

    /**
     * The deferred phase (DRW and/or DRS). Its loss and mixup are built on the original class
     * counts. A generating sampler (CAM-based sampling, ImageTrans) has enlarged the training set;
     * the phase then draws a class with its base sampler's probabilities on the original counts and
     * an image of that class from the enlarged set, for as many draws per epoch as the original set
     * has images, as BagofTricks-LT does (its dataset keeps the original annotations for the class
     * weights and the original length, and draws the image among original and generated ones).
     *
     * @param labels         the original training set's labels
     * @param counts         the original training set's images per class
     * @param enlargedLabels labels of the enlarged set (the original ones, then the generated ones),
     *                       or {@code null} when the sampler generates nothing
     * @param deferralEpoch  the phase's first (0-based) epoch: a CAM stage's progressive base moves
     *                       over the stage's own epochs, as the reference's separate second-stage
     *                       run does (epoch / MAX_EPOCH of that run)
     */
    static Phase deferred(Recipe recipe, int[] labels, int[] counts, int[] enlargedLabels, int deferralEpoch,
            int epochs, int mixupEpochs) {
        TrickSpec loss = recipe.deferredLoss() != null ? recipe.deferredLoss() : recipe.loss();
        TrickSpec sampler = recipe.deferredSampler() != null ? recipe.deferredSampler() : recipe.sampler();
        return of("deferred", loss, sampler, recipe, labels, counts, enlargedLabels, deferralEpoch, epochs,
                mixupEpochs);
    }

    /**
     * The fine-tuning stage without mixup after the run, as BagofTricks-LT's third stage: the run's
     * last loss (built anew, as the stage's own run builds it), class-balanced sampling on the
     * original training set, no mixup.
     *
     * @param stageEpochs the stage's epochs (the sampler's epochs are the stage's own)
     */
    static Phase fineTuning(Recipe recipe, int[] labels, int[] counts, int stageEpochs) {
        TrickSpec loss = recipe.deferredLoss() != null ? recipe.deferredLoss() : recipe.loss();
        TrickSpec sampler = Samplers.classBalanced();
        Map<String, Object> tricks = new LinkedHashMap<>();
        tricks.put("fineTuning", recipe.fineTuning());
        tricks.put("loss", loss);
        tricks.put("sampler", sampler);
        tricks.put("mixup", "none");
        return new Phase("fine-tuning", Tricks.loss(loss, counts), Tricks.sampler(sampler, labels, counts, stageEpochs),
                NO_MIXUP, tricks);
    }

    /** Whether a deferred sampler generates images from the first stage's model. */
    static boolean generates(Recipe recipe) {
        return TrickCatalogue.has(recipe.deferredSampler(), TrickCatalogue.Trait.GENERATES_IMAGES);
    }

    private static Phase of(String name, TrickSpec loss, TrickSpec sampler, Recipe recipe, int[] labels, int[] counts,
            int[] enlargedLabels, int firstEpoch, int epochs, int mixupEpochs) {
        Map<String, Object> tricks = new LinkedHashMap<>();
        tricks.put("loss", loss);
        tricks.put("sampler", sampler);
        tricks.put("mixup", recipe.mixup() == null ? "none" : recipe.mixup());
        if (recipe.mixup() != null) {
            // Fine-tuning without mixup: the run's epochs after this one train without it.
            tricks.put("mixupUntilEpoch", mixupEpochs);
        }
        EpochSampler drawing;
        if (TrickCatalogue.has(sampler, TrickCatalogue.Trait.GENERATES_IMAGES)) {
            if (enlargedLabels == null) {
                throw new IllegalStateException(sampler.name() + " samples an enlarged set, but none was generated");
            }
            TrickSpec base = new TrickSpec(Samplers.FAMILY, sampler.word("base"), Map.of());
            IntFunction<double[]> stageProbabilities = Tricks.classProbabilities(base, counts, epochs - firstEpoch);
            drawing = ClassWeightedSampler.overEnlargedSet(ClassMembers.of(enlargedLabels, counts.length),
                    epoch -> stageProbabilities.apply(epoch - firstEpoch), labels.length);
        }
        else {
            drawing = Tricks.sampler(sampler, labels, counts, epochs);
        }
        return new Phase(name, Tricks.loss(loss, counts), drawing, Tricks.mixup(recipe.mixup(), counts), tricks);
    }
}
