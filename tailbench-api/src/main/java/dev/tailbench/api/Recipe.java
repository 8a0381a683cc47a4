package dev.tailbench.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one combination trains: the tricks applied on top of the experiment's shared setting.
 * Immutable; validated when built (a meaningless combination is refused with the reason); every
 * hyper-parameter it holds is written to the result JSON.
 *
 * <p>A run has up to three phases: the first stage (loss, sampler, mixup), an optional deferred
 * stage from {@link Builder#optDeferralEpoch} on (DRW: {@link Builder#optDeferredLoss}, DRS:
 * {@link Builder#optDeferredSampler}), and an optional classifier re-balancing stage after the
 * last epoch ({@link Builder#optRebalancing}). Epoch numbers are given at the experiment's declared
 * epochs and scaled with them when {@code tailbench.epochs} shortens a run.
 *
 * <pre>{@code
 * Recipe.crossEntropy();                                        // the baseline
 * Recipe.builder().optLoss(Losses.balancedSoftmax()).build();   // re-weighting
 * Recipe.builder()                                              // the bag of tricks
 *         .optMixup(Mixups.input())
 *         .optDeferredSampler(Samplers.camBased())
 *         .optFineTuneWithoutMixup(20)
 *         .build();
 * }</pre>
 */
public final class Recipe {

    /**
     * {@link #deferralEpoch()} when the deferred stage starts the epoch after the schedule's first
     * learning-rate decay (BagofTricks-LT's DRW and DRS: decay at 1-based epoch 160, deferred stage
     * from 161).
     */
    public static final int AT_FIRST_MILESTONE = -1;

    private final TrickSpec loss;
    private final TrickSpec sampler;
    private final boolean augmentation;
    private final TrickSpec mixup;
    private final int fineTuneWithoutMixup;
    private final TrickSpec fineTuning;
    private final TrickSpec deferredLoss;
    private final TrickSpec deferredSampler;
    private final int deferralEpoch;
    private final TrickSpec rebalancing;

    private Recipe(Builder builder) {
        this.loss = builder.loss;
        this.sampler = builder.sampler;
        this.augmentation = builder.augmentation;
        this.mixup = builder.mixup;
        this.fineTuneWithoutMixup = builder.fineTuneWithoutMixup;
        this.fineTuning = builder.fineTuning;
        this.deferredLoss = builder.deferredLoss;
        this.deferredSampler = builder.deferredSampler;
        this.deferralEpoch = builder.deferralEpoch;
        this.rebalancing = builder.rebalancing;
    }

    /** Plain cross-entropy, instance-balanced sampling, random crop and flip. */
    public static Recipe crossEntropy() {
        return builder().build();
    }

    /** A builder starting from the baseline recipe. */
    public static Builder builder() {
        return new Builder();
    }

    /** The loss of the first stage. */
    public TrickSpec loss() {
        return loss;
    }

    /** The sampler of the first stage. */
    public TrickSpec sampler() {
        return sampler;
    }

    /** Whether training batches get random crop with padding and horizontal flip. */
    public boolean augmentation() {
        return augmentation;
    }

    /** The mixup, or null for none. */
    public TrickSpec mixup() {
        return mixup;
    }

    /** How many final epochs of the run train without mixup (0: mixup to the end). */
    public int fineTuneWithoutMixup() {
        return fineTuneWithoutMixup;
    }

    /** The fine-tuning stage after the run ({@link Mixups#fineTuningWithoutMixup()}), or null. */
    public TrickSpec fineTuning() {
        return fineTuning;
    }

    /** The loss from the deferral epoch on (DRW), or null. */
    public TrickSpec deferredLoss() {
        return deferredLoss;
    }

    /** The sampler from the deferral epoch on (DRS), or null. */
    public TrickSpec deferredSampler() {
        return deferredSampler;
    }

    /** Epochs of the first stage before the deferred loss or sampler takes over, or {@link #AT_FIRST_MILESTONE}. */
    public int deferralEpoch() {
        return deferralEpoch;
    }

    /** Whether a deferred loss or sampler is declared. */
    public boolean isTwoStage() {
        return deferredLoss != null || deferredSampler != null;
    }

    /** Whether a loss of the recipe is LDAM, which trains a cosine (normalised) classifier. */
    public boolean trainsCosineClassifier() {
        return TrickCatalogue.has(loss, TrickCatalogue.Trait.COSINE_CLASSIFIER)
                || TrickCatalogue.has(deferredLoss, TrickCatalogue.Trait.COSINE_CLASSIFIER);
    }

    /** The classifier re-balancing after the last epoch, or null. */
    public TrickSpec rebalancing() {
        return rebalancing;
    }

    /**
     * This recipe for the data set a run trains on: every hyper-parameter left at a default that
     * depends on the data set takes its value for {@code dataset} ({@link DatasetDefaults}, e.g.
     * class-balanced beta 0.9 on CIFAR-100); explicit values are kept. Discovery applies it.
     */
    public Recipe forDataset(String dataset) {
        Builder copy = new Builder();
        copy.loss = loss.forDataset(dataset);
        copy.sampler = sampler.forDataset(dataset);
        copy.augmentation = augmentation;
        copy.mixup = mixup == null ? null : mixup.forDataset(dataset);
        copy.fineTuneWithoutMixup = fineTuneWithoutMixup;
        copy.fineTuning = fineTuning;
        copy.deferredLoss = deferredLoss == null ? null : deferredLoss.forDataset(dataset);
        copy.deferredSampler = deferredSampler == null ? null : deferredSampler.forDataset(dataset);
        copy.deferralEpoch = deferralEpoch;
        copy.rebalancing = rebalancing == null ? null : rebalancing.forDataset(dataset);
        return new Recipe(copy);
    }

    /** Every setting as plain data, in a stable order, for results and reports. */
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("loss", loss);
        description.put("sampler", sampler);
        description.put("augmentation", augmentation);
        description.put("mixup", mixup == null ? "none" : mixup);
        description.put("fineTuneWithoutMixup", fineTuneWithoutMixup);
        if (fineTuning != null) {
            // Only when declared, so that the fingerprints of the recipes without it stay as they were.
            description.put("fineTuning", fineTuning);
        }
        description.put("deferredLoss", deferredLoss == null ? "none" : deferredLoss);
        description.put("deferredSampler", deferredSampler == null ? "none" : deferredSampler);
        description.put("deferralEpoch", !isTwoStage() ? "none"
                : deferralEpoch == AT_FIRST_MILESTONE ? "first-milestone" : deferralEpoch);
        description.put("rebalancing", rebalancing == null ? "none" : rebalancing);
        return description;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Recipe that && describe().equals(that.describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return "Recipe" + describe();
    }

    /** Builds a {@link Recipe}; every {@code opt} setting has the baseline's default. */
    public static final class Builder {

        private TrickSpec loss = Losses.crossEntropy();
        private TrickSpec sampler = Samplers.instanceBalanced();
        private boolean augmentation = true;
        private TrickSpec mixup;
        private int fineTuneWithoutMixup;
        private TrickSpec fineTuning;
        private TrickSpec deferredLoss;
        private TrickSpec deferredSampler;
        private int deferralEpoch = AT_FIRST_MILESTONE;
        private TrickSpec rebalancing;

        private Builder() {
        }

        /** The loss, from {@link Losses}. */
        public Builder optLoss(TrickSpec loss) {
            this.loss = requireFamily(loss, Losses.FAMILY);
            return this;
        }

        /** The sampler, from {@link Samplers}. */
        public Builder optSampler(TrickSpec sampler) {
            this.sampler = requireFamily(sampler, Samplers.FAMILY);
            return this;
        }

        /** Random crop with padding and horizontal flip on training batches (default on). */
        public Builder optAugmentation(boolean augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /** A mixup, from {@link Mixups}. */
        public Builder optMixup(TrickSpec mixup) {
            this.mixup = requireFamily(mixup, Mixups.FAMILY);
            return this;
        }

        /**
         * Trains the last {@code epochs} epochs of the run without mixup, same optimizer, sampler and
         * schedule: a shortcut, not the reference's form, which is a stage of its own
         * ({@link #optFineTuning}).
         */
        public Builder optFineTuneWithoutMixup(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("optFineTuneWithoutMixup(epochs = " + epochs + ") must be >= 1");
            }
            this.fineTuneWithoutMixup = epochs;
            return this;
        }

        /**
         * Fine-tuning without mixup as a third stage after the run, as the reference trains it:
         * {@link Mixups#fineTuningWithoutMixup()}.
         */
        public Builder optFineTuning(TrickSpec fineTuning) {
            this.fineTuning = requireFamily(fineTuning, Mixups.FINE_TUNING_FAMILY);
            return this;
        }

        /** Deferred re-weighting (DRW): this loss from the deferral epoch on. */
        public Builder optDeferredLoss(TrickSpec loss) {
            this.deferredLoss = requireFamily(loss, Losses.FAMILY);
            return this;
        }

        /** Deferred re-sampling (DRS): this sampler from the deferral epoch on. */
        public Builder optDeferredSampler(TrickSpec sampler) {
            this.deferredSampler = requireFamily(sampler, Samplers.FAMILY);
            return this;
        }

        /**
         * Epochs of the first stage, so the deferred stage starts at this 0-based epoch (the paper:
         * 160 of 200; BagofTricks-LT's LDAM-DRW: 159, i.e. with the decay at 1-based 160). Default:
         * {@link #AT_FIRST_MILESTONE}. Scaled with {@code tailbench.epochs}.
         */
        public Builder optDeferralEpoch(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("optDeferralEpoch(epochs = " + epochs + ") must be >= 1");
            }
            this.deferralEpoch = epochs;
            return this;
        }

        /** Classifier re-balancing after the last epoch, from {@link Rebalancing}. */
        public Builder optRebalancing(TrickSpec rebalancing) {
            this.rebalancing = requireFamily(rebalancing, Rebalancing.FAMILY);
            return this;
        }

        /**
         * Builds the recipe.
         *
         * @throws IllegalArgumentException if the combination is meaningless, with the reason
         */
        public Recipe build() {
            if (TrickCatalogue.has(sampler, TrickCatalogue.Trait.GENERATES_IMAGES)) {
                throw new IllegalArgumentException("the sampler '" + sampler.name() + "' generates images from a "
                        + "trained first stage, so it can only be a deferred sampler: use optDeferredSampler");
            }
            if (fineTuneWithoutMixup > 0 && mixup == null) {
                throw new IllegalArgumentException("optFineTuneWithoutMixup(" + fineTuneWithoutMixup
                        + ") needs a mixup to switch off: declare optMixup");
            }
            if (fineTuning != null && mixup == null) {
                throw new IllegalArgumentException("optFineTuning(" + fineTuning.name()
                        + ") fine-tunes a mixup run without its mixup: declare optMixup");
            }
            if (fineTuning != null && fineTuneWithoutMixup > 0) {
                throw new IllegalArgumentException("optFineTuning and optFineTuneWithoutMixup(" + fineTuneWithoutMixup
                        + ") are two forms of the same trick: keep one");
            }
            if (loss.equals(deferredLoss)) {
                throw new IllegalArgumentException("optDeferredLoss(" + deferredLoss
                        + ") is the first stage's loss: deferring it changes nothing");
            }
            if (sampler.equals(deferredSampler)) {
                throw new IllegalArgumentException("optDeferredSampler(" + deferredSampler
                        + ") is the first stage's sampler: deferring it changes nothing");
            }
            if (deferralEpoch != AT_FIRST_MILESTONE && deferredLoss == null && deferredSampler == null) {
                throw new IllegalArgumentException("optDeferralEpoch(" + deferralEpoch
                        + ") without a deferred loss or sampler: declare optDeferredLoss or optDeferredSampler");
            }
            for (TrickSpec used : losses()) {
                String refusal = TrickCatalogue.find(used.family(), used.name())
                        .map(TrickCatalogue.Entry::refusesMixup).orElse(null);
                if (mixup != null && refusal != null) {
                    throw new IllegalArgumentException(refusal);
                }
                if (rebalancing != null && rebalancing.name().equals("logit-adjustment")
                        && TrickCatalogue.has(used, TrickCatalogue.Trait.BALANCED_SCORES)) {
                    throw new IllegalArgumentException("post-hoc logit adjustment after " + used.name() + ": that loss"
                            + " already trains scores for balanced classes, and the adjustment would subtract the"
                            + " log prior a second time; keep one of them");
                }
            }
            Recipe recipe = new Recipe(this);
            if (rebalancing != null && recipe.trainsCosineClassifier()) {
                throw new IllegalArgumentException("classifier re-balancing (" + rebalancing.name() + ") works on a"
                        + " linear classifier; LDAM trains a cosine classifier, whose rows are already normalised");
            }
            return recipe;
        }

        /** The losses of both stages, the first stage's first. */
        private List<TrickSpec> losses() {
            return deferredLoss == null ? List.of(loss) : List.of(loss, deferredLoss);
        }

        private static TrickSpec requireFamily(TrickSpec spec, String family) {
            Objects.requireNonNull(spec, family);
            if (!spec.family().equals(family)) {
                throw new IllegalArgumentException("expected a " + family + " but got the " + spec.family()
                        + " '" + spec.name() + "'");
            }
            return spec;
        }
    }
}
