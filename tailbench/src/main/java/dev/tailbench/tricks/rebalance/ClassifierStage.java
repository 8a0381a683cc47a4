package dev.tailbench.tricks.rebalance;

import java.util.Map;
import java.util.random.RandomGenerator;

import ai.djl.training.ParameterStore;

import dev.tailbench.api.Rebalancing;
import dev.tailbench.api.Samplers;
import dev.tailbench.api.TrickSpec;
import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.data.device.RandomCropFlip;
import dev.tailbench.model.Backbone;
import dev.tailbench.spec.Schedule;
import dev.tailbench.tricks.sampling.EpochSampler;

/**
 * Classifier re-balancing run on a network whose representation has been learnt. When
 * {@link #run} returns, the result is in the network's own parameters: its ordinary forward pass
 * gives the re-balanced logits.
 */
public interface ClassifierStage {

    /**
     * The stage a {@link Rebalancing} spec names.
     *
     * @param spec        {@code crt}, {@code lws}, {@code balms}, {@code tau-norm} or {@code logit-adjustment}
     * @param batchSize   images per batch of a training stage (the run's batch size; 128 in the
     *                    reference configuration)
     * @param classCounts training images per class of the set the classifier was trained on
     * @return the stage
     */
    static ClassifierStage of(TrickSpec spec, int batchSize, int[] classCounts) {
        if (!spec.family().equals(Rebalancing.FAMILY)) {
            throw new IllegalArgumentException("expected a " + Rebalancing.FAMILY + " but got " + spec);
        }
        return switch (spec.name()) {
            case "crt" -> new ClassifierTraining(schedule(spec, batchSize), RetrainedHead::new);
            case "lws" -> new ClassifierTraining(schedule(spec, batchSize), ScaledHead::new);
            case "tau-norm" -> new TauNormalisation(spec.parameter("tau"), TauNormalisation.Bias.KEEP);
            case "logit-adjustment" -> new PosthocLogitAdjustment(classCounts, spec.parameter("tau"));
            // BALMS trains with its own batch size (512 in the reference's CIFAR configuration).
            case "balms" -> new MetaSamplerTraining(MetaSamplerTraining.schedule((int) spec.parameter("epochs"),
                    (int) spec.parameter("batchSize"), spec.parameter("learningRate"), spec.parameter("weightDecay")),
                    classCounts, spec.parameter("initPower"), spec.parameter("metaLearningRate"),
                    (int) spec.parameter("metaBatchSize"));
            default -> throw new IllegalArgumentException("no implementation of the " + spec.family() + " '"
                    + spec.name() + "'");
        };
    }

    private static Schedule schedule(TrickSpec spec, int batchSize) {
        return StageSchedule.of((int) spec.parameter("epochs"), batchSize, spec.parameter("learningRate"),
                spec.parameter("weightDecay"));
    }

    /**
     * The sampler the stage trains with, as the result records it: class-balanced (the sampler
     * {@link #run} is given) unless the stage draws its own batches, as BALMS's meta sampler does.
     */
    default TrickSpec sampler() {
        return Samplers.classBalanced();
    }

    /** The loss a training stage steps the head with (plain cross-entropy, as the reference's stages). */
    default String lossName() {
        return "cross-entropy";
    }

    /** What the stage found that the result should record (e.g. learned sampling rates); empty by default. */
    default Map<String, Object> details() {
        return Map.of();
    }

    /** @return the epochs the stage trains; 0 for tau-normalisation and logit adjustment, which only change the head */
    int epochs();

    /**
     * Runs the stage. A training stage calls {@code after} once per epoch; a stage without epochs
     * never calls it, so the caller evaluates once after this returns.
     *
     * @param network      an initialised, trained network; only its classifier's result changes
     *                     (and, in a training stage, the backbone's batch-norm running statistics)
     * @param parameters   the parameter store the network was trained with; its manager is the
     *                     parent of the stage's per-batch scopes
     * @param train        the training images
     * @param sampler      the order of every epoch's images (class-balanced in the reference)
     * @param augmentation the run's augmentation, or null for none
     * @param random       the run's random source for sampling and augmentation
     * @param after        called after every epoch
     */
    void run(Backbone network, ParameterStore parameters, DeviceImages train, EpochSampler sampler,
            RandomCropFlip augmentation, RandomGenerator random, EpochListener after);
}
