package dev.tailbench.tricks.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Softmax cross-entropy: -log softmax(z)_y per sample. */
public final class CrossEntropyLoss implements LossFunction {

    @Override
    public NDArray perSample(NDArray logits, NDArray labels) {
        NDArray logProbabilities = logits.logSoftmax(1);
        return logProbabilities.gather(labels.toType(DataType.INT64, false).reshape(-1, 1), 1)
                .reshape(-1).neg();
    }
}
