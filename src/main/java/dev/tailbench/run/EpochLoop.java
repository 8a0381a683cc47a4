package dev.tailbench.run;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.data.device.RandomCropFlip;
import dev.tailbench.model.Backbone;
import dev.tailbench.spec.Schedule;
import dev.tailbench.train.NesterovSgd;
import dev.tailbench.tricks.loss.LossFunction;
import dev.tailbench.tricks.mixup.BatchObjective;

/**
 * The trainer's inner loop over one epoch's batches: gather (and augment) a batch on the device,
 * the batch objective's loss, backward, one optimizer step per trainable parameter. Every array of
 * a batch lives in a sub-manager closed with the batch, so native memory stays flat. Public so that
 * the GPU benchmark measures this loop itself, not a copy of it.
 */
public final class EpochLoop {

    /** What to throw when a batch's loss is not finite (before the step, with the batch at hand). */
    @FunctionalInterface
    public interface NonFiniteLoss {
        RuntimeException failure(int batch, int batches, float value, NDArray inputs, NDArray labels);
    }

    private final NDManager manager;
    private final Backbone network;
    private final ParameterStore parameters;
    private final List<Parameter> trainable;
    private final NesterovSgd optimizer;
    private final Engine engine;
    private final Schedule schedule;

    /**
     * @param manager    the model's manager, parent of every batch's scope
     * @param parameters the store the forward pass reads the parameters through
     * @param trainable  the parameters the optimizer steps
     */
    public EpochLoop(NDManager manager, Backbone network, ParameterStore parameters, List<Parameter> trainable,
            NesterovSgd optimizer, Engine engine, Schedule schedule) {
        this.manager = manager;
        this.network = network;
        this.parameters = parameters;
        this.trainable = trainable;
        this.optimizer = optimizer;
        this.engine = engine;
        this.schedule = schedule;
    }

    /**
     * Trains one epoch over {@code order}, in batches of the schedule's size; the last partial
     * batch is dropped, as the reference's loader does ({@link Schedule#trainingBatches}).
     *
     * @param augmentation the batched augmentation, or {@code null} for none
     * @return the mean batch loss
     */
    public double train(DeviceImages images, int[] order, LossFunction loss, BatchObjective objective,
            RandomCropFlip augmentation, SplittableRandom random, NonFiniteLoss onNonFinite) {
        int batchSize = schedule.batchSize();
        int batches = schedule.trainingBatches(order.length);
        double lossTotal = 0;
        for (int batch = 0; batch < batches; batch++) {
            int start = batch * batchSize;
            int[] indices = Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
            try (NDManager scope = manager.newSubManager()) {
                NDList data = images.batch(indices, scope);
                NDArray inputs = augmentation == null ? data.get(0) : augmentation.apply(data.get(0), random);
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDArray value = objective.loss(network, parameters, inputs, data.get(1), loss, random);
                    // One scalar read per batch, before the step: a non-finite loss stops the run
                    // while the weights are still those that produced it.
                    float batchLoss = value.getFloat();
                    if (!Float.isFinite(batchLoss)) {
                        throw onNonFinite.failure(batch + 1, batches, batchLoss, inputs, data.get(1));
                    }
                    lossTotal += batchLoss;
                    collector.backward(value);
                }
                for (Parameter parameter : trainable) {
                    NDArray weight = parameter.getArray();
                    try (NDArray gradient = weight.getGradient()) {
                        optimizer.update(parameter.getId(), weight, gradient);
                    }
                }
            }
        }
        return lossTotal / Math.max(1, batches);
    }
}
