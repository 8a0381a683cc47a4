package dev.tailbench.tricks.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Softmax cross-entropy: -log softmax(z)_y, averaged over the batch. */
public final class CrossEntropyLoss implements LossFunction {

    @Override
    public NDArray evaluate(NDArray logits, NDArray labels) {
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray picked = logProbabilities.gather(labels.toType(DataType.INT64, false)
                .reshape(-1, 1), 1);
        return picked.mean().neg();
    }
}
