package dev.tailbench.tricks.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import java.util.Arrays;

/**
 * Moves a loss's per-class constants onto a batch: created on the logits' manager so that they
 * live on the batch's device and are freed with the batch's scope.
 */
final class ClassVectors {

    private ClassVectors() {
    }

    /**
     * The per-class values as a 1 x C row on the logits' manager, in the logits' data type.
     *
     * @throws IllegalArgumentException if the logits do not have one column per value
     */
    static NDArray row(String loss, NDArray logits, double[] values) {
        requireClasses(loss, logits, values.length);
        float[] asFloats = new float[values.length];
        for (int c = 0; c < values.length; c++) {
            asFloats[c] = (float) values[c];
        }
        return logits.getManager().create(asFloats).reshape(1, values.length).toType(logits.getDataType(), false);
    }

    /**
     * Each sample's value of its label's class: values[y_i], a vector of N on the logits' manager.
     */
    static NDArray ofLabels(String loss, NDArray logits, double[] values, NDArray labels) {
        return row(loss, logits, values).reshape(-1).gather(indices(labels), 0);
    }

    /** The labels as int64, the index type of gather and one-hot. */
    static NDArray indices(NDArray labels) {
        return labels.toType(DataType.INT64, false).reshape(-1);
    }

    /** The labels as an N x C one-hot matrix in the logits' data type. */
    static NDArray oneHot(NDArray logits, NDArray labels) {
        return indices(labels).oneHot((int) logits.getShape().get(1), logits.getDataType());
    }

    static void requireClasses(String loss, NDArray logits, int classes) {
        if (logits.getShape().dimension() != 2 || logits.getShape().get(1) != classes) {
            throw new IllegalArgumentException(loss + " was built for " + classes + " classes but got logits of shape "
                    + logits.getShape());
        }
    }

    /** A copy of class weights after checking that each is finite and positive. */
    static double[] positiveWeights(String loss, double[] classWeights) {
        for (int c = 0; c < classWeights.length; c++) {
            if (!(classWeights[c] > 0) || Double.isInfinite(classWeights[c])) {
                throw new IllegalArgumentException(loss + ": the weight of class " + c + " must be finite and > 0, got "
                        + classWeights[c]);
            }
        }
        return copy(classWeights);
    }

    static double[] copy(double[] values) {
        return Arrays.copyOf(values, values.length);
    }
}
