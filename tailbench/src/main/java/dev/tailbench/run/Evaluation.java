package dev.tailbench.run;

import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.metrics.ConfusionMatrix;

/** Evaluates a network on the run's test images and, when there is one, its validation split. */
final class Evaluation {

    // A forward pass used to keep every intermediate until the batch's scope closed, so the
    // evaluation batch set the run's peak memory (on CIFAR-shaped data 1,000 images peaked at
    // 5.1 GB, 32 at 0.91 GB). The backbone now closes each intermediate when the next layer has
    // used it, and 256 images, the PyTorch peer's evaluation batch, peak below training's
    // (docs/performance.md).
    private static final int BATCH = 256;

    private final PreparedData data;

    Evaluation(PreparedData data) {
        this.data = data;
    }

    ConfusionMatrix test(Block network, ParameterStore parameters, NDManager manager) {
        return confusion(network, parameters, manager, data.test(), data.testLabels());
    }

    /** The top-1 error on the validation images, or null without a validation split. */
    Double validation(Block network, ParameterStore parameters, NDManager manager) {
        return data.hasValidation()
                ? confusion(network, parameters, manager, data.validation(), data.validationLabels()).top1Error()
                : null;
    }

    private ConfusionMatrix confusion(Block network, ParameterStore parameters, NDManager manager,
            DeviceImages images, int[] labels) {
        ConfusionMatrix confusion = new ConfusionMatrix(data.info().classCount());
        for (int start = 0; start < labels.length; start += BATCH) {
            int first = start;
            int[] indices = new int[Math.min(BATCH, labels.length - start)];
            Arrays.setAll(indices, i -> first + i);
            try (NDManager scope = manager.newSubManager()) {
                NDList batch = images.batch(indices, scope);
                NDArray logits = network.forward(parameters, new NDList(batch.get(0)), false).singletonOrThrow();
                int[] predictions = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                confusion.add(Arrays.copyOfRange(labels, start, start + indices.length), predictions);
            }
        }
        return confusion;
    }
}
