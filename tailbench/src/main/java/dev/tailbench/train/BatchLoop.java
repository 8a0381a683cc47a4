package dev.tailbench.train;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

/**
 * The one loop that steps an optimizer over a stage's batches: the main epochs, a classifier
 * stage (cRT, LWS) and BALMS's head all run it. Per batch: the caller prepares the batch in a
 * scope of its own (gather, augment, frozen features, a meta-sampler update), the loss is computed
 * under a gradient collector and read once, a non-finite loss stops the run before any weight
 * changes, then backward and one optimizer step per trainable array. Every array of a batch lives
 * in a sub-manager closed with the batch, so native memory stays flat.
 */
public final class BatchLoop {

    /**
     * One batch made ready in its scope.
     *
     * @param loss   the forward pass to the scalar batch loss, run under the loop's gradient collector
     * @param inputs what the loss was computed from, for a failure's report
     * @param labels the batch's labels, for a failure's report
     */
    public record Batch(Supplier<NDArray> loss, NDArray inputs, NDArray labels) {
    }

    /** Makes batch {@code batch} (0-based) ready, its arrays in {@code scope}. */
    @FunctionalInterface
    public interface Preparation {
        Batch prepare(int batch, NDManager scope);
    }

    /** What to throw when a batch's loss is not finite (before the step, with the batch at hand). */
    @FunctionalInterface
    public interface NonFiniteLoss {
        /**
         * @param batch   the batch's 1-based number
         * @param batches the batches of the epoch
         */
        RuntimeException failure(int batch, int batches, float value, NDArray inputs, NDArray labels);
    }

    private final NDManager manager;
    private final NesterovSgd optimizer;
    private final Supplier<Map<String, NDArray>> trainable;
    private final NonFiniteLoss onNonFinite;

    private BatchLoop(Builder builder) {
        this.manager = Objects.requireNonNull(builder.manager, "manager");
        this.optimizer = Objects.requireNonNull(builder.optimizer, "optimizer");
        this.trainable = Objects.requireNonNull(builder.trainable, "trainable");
        this.onNonFinite = Objects.requireNonNull(builder.onNonFinite, "nonFiniteLoss");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains {@code batches} batches.
     *
     * @return the mean batch loss
     */
    public double run(int batches, Preparation preparation) {
        double lossTotal = 0;
        for (int batch = 0; batch < batches; batch++) {
            try (NDManager scope = manager.newSubManager()) {
                Batch ready = preparation.prepare(batch, scope);
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray value = ready.loss().get();
                    // One scalar read per batch, before the step: a non-finite loss stops the run
                    // while the weights are still those that produced it.
                    float batchLoss = value.getFloat();
                    if (!Float.isFinite(batchLoss)) {
                        throw onNonFinite.failure(batch + 1, batches, batchLoss, ready.inputs(), ready.labels());
                    }
                    lossTotal += batchLoss;
                    collector.backward(value);
                }
                // Asked for per batch: loading a checkpoint replaces a parameter's array.
                for (Map.Entry<String, NDArray> entry : trainable.get().entrySet()) {
                    NDArray weight = entry.getValue();
                    try (NDArray gradient = weight.getGradient()) {
                        optimizer.update(entry.getKey(), weight, gradient);
                    }
                }
            }
        }
        return lossTotal / Math.max(1, batches);
    }

    /** Builds a {@link BatchLoop}; every setting is required. */
    public static final class Builder {

        private NDManager manager;
        private NesterovSgd optimizer;
        private Supplier<Map<String, NDArray>> trainable;
        private NonFiniteLoss onNonFinite;

        private Builder() {
        }

        /** The manager each batch's scope is a sub-manager of. */
        public Builder setManager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        public Builder setOptimizer(NesterovSgd optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** The arrays the optimizer steps, by the id its state is kept under, in stepping order. */
        public Builder setTrainable(Supplier<Map<String, NDArray>> trainable) {
            this.trainable = trainable;
            return this;
        }

        public Builder setNonFiniteLoss(NonFiniteLoss onNonFinite) {
            this.onNonFinite = onNonFinite;
            return this;
        }

        public BatchLoop build() {
            return new BatchLoop(this);
        }
    }
}
