package dev.tailbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.spec.Schedule;
import dev.tailbench.train.NesterovSgd;
import dev.tailbench.tricks.loss.CrossEntropyLoss;
import dev.tailbench.tricks.mixup.BatchObjective;

/**
 * The batch loop drops the last partial batch, as BagofTricks-LT's training loader
 * ({@code drop_last=True}): before, a 10-image epoch in batches of 4 trained 4 + 4 + 2.
 */
class EpochLoopTest {

    @Test
    void theLastPartialBatchIsDropped() {
        assertThat(batchSizes(10, 4)).containsExactly(4, 4);
        assertThat(batchSizes(12, 4)).containsExactly(4, 4, 4);
    }

    @Test
    void anEpochShorterThanOneBatchTrainsItRatherThanNothing() {
        assertThat(batchSizes(3, 4)).containsExactly(3);
    }

    @Test
    void batchCounts() {
        Schedule schedule = schedule(128);
        assertThat(schedule.trainingBatches(12_406)).isEqualTo(96);   // CIFAR-10-LT IF 100
        assertThat(schedule.trainingBatches(128)).isEqualTo(1);
        assertThat(schedule.trainingBatches(127)).isEqualTo(1);
        assertThat(schedule.trainingBatches(0)).isZero();
    }

    /** Trains one epoch of {@code images} images with an objective that records each batch's size. */
    private static List<Integer> batchSizes(int images, int batchSize) {
        List<Integer> sizes = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            byte[] pixels = new byte[images * 4];
            int[] labels = new int[images];
            try (DeviceImages set = DeviceImages.of(manager, pixels, labels, 1, 2, 2, new double[] {0}, new double[] {1})) {
                BatchObjective recording = (network, parameters, inputs, batchLabels, loss, random) -> {
                    sizes.add((int) inputs.getShape().get(0));
                    NDArray weight = inputs.getManager().ones(new ai.djl.ndarray.types.Shape(1));
                    weight.setRequiresGradient(true);
                    return weight.mul(inputs.sum()).sum();
                };
                EpochLoop loop = new EpochLoop(manager, null, new ParameterStore(manager, false), List.of(),
                        NesterovSgd.builder().setLearningRate(0.1f).build(), schedule(batchSize));
                loop.train(set, IntStream.range(0, images).toArray(), new CrossEntropyLoss(), recording, null,
                        new SplittableRandom(1), (batch, batches, value, inputs, batchLabels) -> new IllegalStateException());
            }
        }
        return sizes;
    }

    private static Schedule schedule(int batchSize) {
        return new Schedule(1, batchSize, 0.1, 0.9, 0, 0, 1, List.of(), 1);
    }
}
