package dev.tailbench.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one combination trains: the tricks applied on top of the experiment's shared setting.
 * Immutable; validated when built; every hyper-parameter it holds is written to the result JSON.
 *
 * <pre>{@code
 * Recipe.crossEntropy();                                    // the baseline
 * Recipe.builder().optAugmentation(false).build();          // no random crop / flip
 * }</pre>
 */
public final class Recipe {

    private final TrickSpec loss;
    private final TrickSpec sampler;
    private final boolean augmentation;

    private Recipe(Builder builder) {
        this.loss = builder.loss;
        this.sampler = builder.sampler;
        this.augmentation = builder.augmentation;
    }

    /** Plain cross-entropy, instance-balanced sampling, random crop and flip. */
    public static Recipe crossEntropy() {
        return builder().build();
    }

    /** A builder starting from the baseline recipe. */
    public static Builder builder() {
        return new Builder();
    }

    /** The loss trick. */
    public TrickSpec loss() {
        return loss;
    }

    /** The sampler trick. */
    public TrickSpec sampler() {
        return sampler;
    }

    /** Whether training batches get random crop with padding and horizontal flip. */
    public boolean augmentation() {
        return augmentation;
    }

    /** Every setting as plain data, in a stable order, for results and reports. */
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("loss", loss);
        description.put("sampler", sampler);
        description.put("augmentation", augmentation);
        return description;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Recipe that && loss.equals(that.loss) && sampler.equals(that.sampler)
                && augmentation == that.augmentation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(loss, sampler, augmentation);
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

        public Recipe build() {
            return new Recipe(this);
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
