package dev.tailbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Draws a {@code classes x features} weight uniformly from [-1, 1) and scales every column (one
 * feature's weights across the classes) to unit length: the initialisation of BagofTricks-LT's
 * cosine classifier, {@code uniform_(-1, 1).renorm_(2, 1, 1e-5).mul_(1e5)} on a
 * {@code (num_classes, num_features)} weight, where renorm over dimension 1 rescales the
 * sub-tensors {@code w[:, j]}. (LDAM-DRW's original stores the weight transposed, so the same
 * call there gives unit rows per class.) The forward pass normalises the class rows anyway; the
 * initial norms only set how large the first gradient steps are relative to the weights.
 */
public final class UnitColumnInitializer implements Initializer {

    /** {@inheritDoc} */
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException("expected a 2-d weight (classes x features), got shape " + shape);
        }
        try (NDArray raw = manager.randomUniform(-1, 1, shape, dataType)) {
            return raw.normalize(2, 0);
        }
    }
}
