package dev.tailbench.api;

import static dev.tailbench.api.Parameters.oneOf;
import static dev.tailbench.api.Parameters.positive;

import java.util.Map;
import java.util.Set;

/**
 * Factories for the sampler that decides which training images make up an epoch: the
 * re-sampling family of the Bag of Tricks, plus its CAM-based sampling and the ImageTrans
 * ablation.
 *
 * <p>The class-weighted samplers (class-balanced, square-root, progressive, reverse) draw as many
 * images per epoch as the training set holds: a class with probability p_c, then an image of that
 * class uniformly, as the reference code does. Random over-sampling repeats every class up to the
 * largest class's count, random under-sampling keeps n_min images of every class.
 *
 * <p>{@link #camBased} and {@link #imageTrans} generate synthetic images from a trained first
 * stage, so they are only valid as a recipe's deferred sampler (DRS).
 */
public final class Samplers {

    /** Family name of sampler specs. */
    public static final String FAMILY = "sampler";

    /** Samplers that CAM-based sampling and ImageTrans can run over their enlarged set. */
    public static final Set<String> GENERATING_BASES = TrickCatalogue.names(FAMILY, TrickCatalogue.Trait.GENERATING_BASE);

    /** Names of the samplers that generate synthetic images from a first-stage model. */
    public static final Set<String> GENERATING = TrickCatalogue.names(FAMILY, TrickCatalogue.Trait.GENERATES_IMAGES);

    private Samplers() {
    }

    /** Every training image once per epoch, shuffled: the natural long-tailed distribution. */
    public static TrickSpec instanceBalanced() {
        return TrickSpec.of(FAMILY, "instance-balanced");
    }

    /** Class-balanced sampling: p_c = 1 / C. */
    public static TrickSpec classBalanced() {
        return TrickSpec.of(FAMILY, "class-balanced");
    }

    /** Square-root sampling: p_c proportional to sqrt(n_c). */
    public static TrickSpec squareRoot() {
        return TrickSpec.of(FAMILY, "square-root");
    }

    /**
     * Progressively-balanced sampling: p_c(e) = (e / E) / C + (1 - e / E) n_c / N at 1-based
     * epoch e of E, moving from instance-balanced to class-balanced over the run (the reference
     * code counts e over the whole run, also when the sampler is deferred).
     */
    public static TrickSpec progressive() {
        return TrickSpec.of(FAMILY, "progressive");
    }

    /** Random over-sampling: every class drawn up to n_max images per epoch (its own images first, then repeats). */
    public static TrickSpec randomOverSampling() {
        return TrickSpec.of(FAMILY, "random-over-sampling");
    }

    /** Random under-sampling: n_min images of every class per epoch, drawn without replacement. */
    public static TrickSpec randomUnderSampling() {
        return TrickSpec.of(FAMILY, "random-under-sampling");
    }

    /** BBN's reverse sampler: p_c proportional to n_max / n_c. */
    public static TrickSpec reverse() {
        return TrickSpec.of(FAMILY, "reverse");
    }

    /**
     * The Bag of Tricks' "BBN-style" sampling as its code runs it ({@code bbn sampler}): each batch
     * joins images of a uniform shuffle with as many images from BBN's {@link #reverse} sampler (64
     * + 64 at batch 128), trained with the plain loss and no mixup, whatever the trick gallery's
     * wording says; an epoch is every training image once plus as many reverse draws.
     */
    public static TrickSpec bbnStyle() {
        return TrickSpec.of(FAMILY, "bbn-style");
    }

    /** CAM-based sampling with the class-balanced base sampler and threshold factor 0.75 (the paper's best, "CAM-balance"). */
    public static TrickSpec camBased() {
        return camBased("class-balanced", 0.75);
    }

    /**
     * CAM-based sampling (Zhang et al., AAAI 2021): when the deferred stage starts, n_max + n_min
     * - n_c synthetic images are generated per class. Each takes a random training image of the
     * class, its class activation map from the first-stage model, the foreground where the map is
     * at least {@code thresholdFactor} times its mean, and applies one random transform
     * (horizontal flip, translation, or rotation of +-45 degrees with scaling 0.8-1.2) to the
     * foreground only. The second stage then draws, as BagofTricks-LT does, a class with {@code
     * base}'s probabilities on the <em>original</em> class counts (progressive moving over the
     * stage's own epochs), one image of that class among its original and generated images, and
     * as many images per epoch as the original training set holds. The variants therefore share
     * the generated set and differ in their class frequencies only.
     *
     * @param base            {@code class-balanced} ("CAM-balance"), {@code square-root} or {@code progressive}
     * @param thresholdFactor foreground threshold as a multiple of the map's mean (the code uses 0.75)
     */
    public static TrickSpec camBased(String base, double thresholdFactor) {
        return new TrickSpec(FAMILY, "cam-based", Map.of(
                "base", oneOf("cam-based", "base", base, GENERATING_BASES),
                "thresholdFactor", positive("cam-based", "thresholdFactor", thresholdFactor)));
    }

    /**
     * The ImageTrans ablation: as {@link #camBased}, with the same random transforms applied to
     * the whole image, without a class activation map.
     */
    public static TrickSpec imageTrans(String base) {
        return new TrickSpec(FAMILY, "image-trans", Map.of("base", oneOf("image-trans", "base", base, GENERATING_BASES)));
    }
}
