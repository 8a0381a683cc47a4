package dev.tailbench.run;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tailbench.api.Recipe;
import dev.tailbench.api.Samplers;
import dev.tailbench.api.TrickSpec;
import dev.tailbench.tricks.Tricks;
import dev.tailbench.tricks.loss.LossFunction;
import dev.tailbench.tricks.mixup.BatchObjective;
import dev.tailbench.tricks.mixup.NoMixup;
import dev.tailbench.tricks.sampling.EpochSampler;

/**
 * The tricks one phase of a run trains with, built from the recipe for the phase's training set.
 *
 * @param name    {@code main}, {@code first} or {@code deferred}
 * @param loss    the phase's loss
 * @param sampler the phase's sampler
 * @param mixup   how a batch becomes a loss while mixup is on
 * @param labels  labels of the training set the phase samples
 * @param tricks  the specs behind them, for the result
 */
record Phase(String name, LossFunction loss, EpochSampler sampler, BatchObjective mixup, int[] labels,
        Map<String, Object> tricks) {

    /** Training without mixup: the fine-tuning epochs of "fine-tuning without mixup". */
    static final BatchObjective NO_MIXUP = new NoMixup();

    /** The first (or only) phase. */
    static Phase first(Recipe recipe, int[] labels, int[] counts, int epochs, int mixupEpochs) {
        return of(recipe.isTwoStage() ? "first" : "main", recipe.loss(), recipe.sampler(), recipe, labels, counts, epochs,
                mixupEpochs);
    }

    /**
     * The deferred phase (DRW and/or DRS) over the given training set. A generating sampler (CAM-based
     * sampling, ImageTrans) has already enlarged that set; the phase samples it with the sampler's
     * base.
     */
    static Phase deferred(Recipe recipe, int[] labels, int[] counts, int epochs, int mixupEpochs) {
        TrickSpec loss = recipe.deferredLoss() != null ? recipe.deferredLoss() : recipe.loss();
        TrickSpec sampler = recipe.deferredSampler() != null ? recipe.deferredSampler() : recipe.sampler();
        return of("deferred", loss, sampler, recipe, labels, counts, epochs, mixupEpochs);
    }

    /** Whether a deferred sampler generates images from the first stage's model. */
    static boolean generates(Recipe recipe) {
        return recipe.deferredSampler() != null && Samplers.GENERATING.contains(recipe.deferredSampler().name());
    }

    private static Phase of(String name, TrickSpec loss, TrickSpec sampler, Recipe recipe, int[] labels, int[] counts,
            int epochs, int mixupEpochs) {
        Map<String, Object> tricks = new LinkedHashMap<>();
        tricks.put("loss", loss);
        tricks.put("sampler", sampler);
        tricks.put("mixup", recipe.mixup() == null ? "none" : recipe.mixup());
        if (recipe.mixup() != null) {
            // Fine-tuning without mixup: the run's epochs after this one train without it.
            tricks.put("mixupUntilEpoch", mixupEpochs);
        }
        TrickSpec drawing = Samplers.GENERATING.contains(sampler.name())
                ? new TrickSpec(Samplers.FAMILY, sampler.word("base"), Map.of()) : sampler;
        return new Phase(name, Tricks.loss(loss, counts), Tricks.sampler(drawing, labels, counts, epochs),
                Tricks.mixup(recipe.mixup(), counts), labels, tricks);
    }
}
