package dev.tailbench.tricks.rebalance;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.data.device.RandomCropFlip;
import dev.tailbench.model.Backbone;
import dev.tailbench.spec.Schedule;
import dev.tailbench.train.BatchLoop;
import dev.tailbench.train.NesterovSgd;
import dev.tailbench.tricks.loss.CrossEntropyLoss;
import dev.tailbench.tricks.loss.LossFunction;
import dev.tailbench.tricks.sampling.EpochSampler;

/**
 * A classifier stage that trains (cRT or LWS): for the schedule's epochs, batches in the
 * sampler's order, features from the frozen backbone without gradient, the head's logits, plain
 * cross-entropy (the reference configurations' {@code LOSS_TYPE}), and a {@link NesterovSgd} step
 * of the head's trainable arrays only.
 *
 * <p>The backbone runs in training mode (batch statistics; running statistics updated), as in
 * the reference code, which calls {@code model.train()} with the backbone's parameters frozen.
 * The batches run through the trainer's {@link BatchLoop}, non-finite check included.
 */
final class ClassifierTraining implements ClassifierStage {

    private final Schedule schedule;
    private final BiFunction<Backbone, NDManager, StageHead> heads;
    private final LossFunction loss = new CrossEntropyLoss();

    /**
     * @param schedule the stage's schedule (see {@link StageSchedule})
     * @param heads    makes the head of a run from the network and the stage's manager
     */
    ClassifierTraining(Schedule schedule, BiFunction<Backbone, NDManager, StageHead> heads) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.heads = Objects.requireNonNull(heads, "heads");
    }

    /** @return the stage's schedule */
    Schedule schedule() {
        return schedule;
    }

    @Override
    public int epochs() {
        return schedule.epochs();
    }

    @Override
    public void run(Backbone network, ParameterStore parameters, DeviceImages train, EpochSampler sampler,
            RandomCropFlip augmentation, RandomGenerator random, EpochListener after) {
        NDManager base = parameters.getManager();
        // A fresh optimiser: no momentum carried over from the first stage, as the reference
        // builds a new one for the stage.
        NesterovSgd optimizer = NesterovSgd.builder()
                .setLearningRate((float) schedule.learningRate(0))
                .optMomentum((float) schedule.momentum())
                .optWeightDecays((float) schedule.weightDecay())
                .build();
        try (NDManager stage = base.newSubManager(); StageHead head = heads.apply(network, stage)) {
            boolean pytorch = WithoutGradient.isPyTorch(LinearHead.of(network).weightArray());
            for (int epoch = 0; epoch < schedule.epochs(); epoch++) {
                long start = System.nanoTime();
                double learningRate = schedule.learningRate(epoch);
                optimizer.setLearningRate((float) learningRate);
                int[] order = sampler.epoch(epoch, random);
                double meanLoss = trainEpoch(network, parameters, train, order, augmentation, random, head,
                        optimizer, pytorch, epoch, learningRate, after);
                StageEpoch record = new StageEpoch(epoch, schedule.epochs(), learningRate, meanLoss, order.length,
                        (System.nanoTime() - start) / 1e9);
                head.publish();
                try {
                    after.epochFinished(record);
                }
                finally {
                    head.withdraw();
                }
            }
        }
        finally {
            optimizer.clearState();
        }
    }

    private double trainEpoch(Backbone network, ParameterStore parameters, DeviceImages train, int[] order,
            RandomCropFlip augmentation, RandomGenerator random, StageHead head, NesterovSgd optimizer,
            boolean pytorch, int epoch, double learningRate, EpochListener listener) {
        int batchSize = schedule.batchSize();
        // The reference's training loader drops the last partial batch here too.
        return loop(parameters.getManager(), head, optimizer, listener, epoch, learningRate)
                .run(schedule.trainingBatches(order.length), (b, scope) -> {
                    int start = b * batchSize;
                    int[] indices = Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
                    NDList batch = train.batch(indices, scope);
                    NDArray images = augmentation == null ? batch.get(0) : augmentation.apply(batch.get(0), random);
                    NDArray frozen = WithoutGradient.compute(pytorch,
                            () -> head.frozen(pooledFeatures(network, parameters, images), parameters));
                    return new BatchLoop.Batch(() -> loss.evaluate(head.logits(frozen, parameters), batch.get(1)),
                            frozen, batch.get(1));
                });
    }

    /**
     * The batch loop that steps the head's trainable arrays (and nothing of the backbone); a
     * non-finite loss is reported through the listener.
     */
    static BatchLoop loop(NDManager base, StageHead head, NesterovSgd optimizer, EpochListener listener, int epoch,
            double learningRate) {
        return BatchLoop.builder()
                .setManager(base)
                .setOptimizer(optimizer)
                .setTrainable(head::trainable)
                .setNonFiniteLoss((batch, batches, value, inputs, labels) -> listener.nonFiniteLoss(epoch, batch,
                        batches, value, learningRate))
                .build();
    }

    /** The backbone's pooled features, in training mode as the reference runs the frozen backbone. */
    static NDArray pooledFeatures(Backbone network, ParameterStore parameters, NDArray images) {
        NDArray maps = network.features().forward(parameters, new NDList(images), true).singletonOrThrow();
        return network.pool(maps);
    }
}
