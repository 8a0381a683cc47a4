package dev.tailbench.run;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.data.device.RandomCropFlip;
import dev.tailbench.model.Backbone;
import dev.tailbench.spec.Schedule;
import dev.tailbench.train.BatchLoop;
import dev.tailbench.train.NesterovSgd;
import dev.tailbench.tricks.loss.LossFunction;
import dev.tailbench.tricks.mixup.BatchObjective;

/**
 * One epoch of the main stages: gather (and augment) each batch on the device and hand the batch
 * objective's loss to the {@link BatchLoop} (backward, one optimizer step per trainable parameter,
 * the non-finite check). Public so that the GPU benchmark measures this loop itself, not a copy of
 * it.
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
    private final Schedule schedule;

    /**
     * @param manager    the model's manager, parent of every batch's scope
     * @param parameters the store the forward pass reads the parameters through
     * @param trainable  the parameters the optimizer steps
     */
    public EpochLoop(NDManager manager, Backbone network, ParameterStore parameters, List<Parameter> trainable,
            NesterovSgd optimizer, Schedule schedule) {
        this.manager = manager;
        this.network = network;
        this.parameters = parameters;
        this.trainable = trainable;
        this.optimizer = optimizer;
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
        BatchLoop loop = BatchLoop.builder()
                .setManager(manager)
                .setOptimizer(optimizer)
                .setTrainable(this::trainableArrays)
                .setNonFiniteLoss(onNonFinite::failure)
                .build();
        return loop.run(schedule.trainingBatches(order.length), (batch, scope) -> {
            int start = batch * batchSize;
            int[] indices = Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
            NDList data = images.batch(indices, scope);
            NDArray inputs = augmentation == null ? data.get(0) : augmentation.apply(data.get(0), random);
            return new BatchLoop.Batch(() -> objective.loss(network, parameters, inputs, data.get(1), loss, random),
                    inputs, data.get(1));
        });
    }

    private Map<String, NDArray> trainableArrays() {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (Parameter parameter : trainable) {
            arrays.put(parameter.getId(), parameter.getArray());
        }
        return arrays;
    }
}
