package dev.tailbench.tricks.loss;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;

import dev.tailbench.train.ResumableState;

/**
 * Equalization loss v2 (Tan et al., CVPR 2021), the classification form of the reference's
 * sigmoid loss: sample i's loss is sum_j w_ij BCE(z_ij, y_ij), the batch loss its sum over
 * samples divided by N. The weights balance each class's accumulated gradients: with g+_j and g-_j
 * the sums, over every step so far, of |sigmoid(z_ij) - y_ij| w_ij over the class's positive and
 * negative terms, and r_j = g+_j / (g-_j + 1e-10), a negative term weighs
 * q_j = 1 / (1 + exp(-gamma (r_j - mu))) and a positive one 1 + alpha (1 - q_j). Before the first
 * step every weight is 1, as in the reference.
 *
 * <p>Stateful: each {@link #perSample} call is one training step; it computes the weights from the
 * statistics so far, then adds this step's (detached, on the logits' device). One instance per
 * phase; a mixed-label batch (mixup) is not defined for it and is refused at discovery.
 */
public final class EqualizationLossV2 implements LossFunction, ResumableState {

    private static final String NAME = "equalization-v2";
    private static final double EPSILON = 1e-10;

    private final int classes;
    private final double gamma;
    private final double mu;
    private final double alpha;
    private NDManager statistics;
    private NDArray positiveGradient;
    private NDArray negativeGradient;
    /** Statistics from a checkpoint, placed on the device at the next step. */
    private float[][] restored;

    /**
     * @param classes number of classes
     * @param gamma   steepness of the negative weight's sigmoid (12 in the reference)
     * @param mu      the gradient ratio at which a negative term weighs 1/2 (0.8)
     * @param alpha   how much the positive terms of a class with few positive gradients are raised (4)
     */
    public EqualizationLossV2(int classes, double gamma, double mu, double alpha) {
        if (classes < 1) {
            throw new IllegalArgumentException(NAME + " needs at least one class");
        }
        this.classes = classes;
        this.gamma = gamma;
        this.mu = mu;
        this.alpha = alpha;
    }

    @Override
    public NDArray perSample(NDArray logits, NDArray labels) {
        ClassVectors.requireClasses(NAME, logits, classes);
        NDArray targets = ClassVectors.oneHot(logits, labels);
        if (restored != null && statistics == null) {
            // Resumed: the weights of this step already come from the checkpoint's sums.
            allocate(logits);
        }
        NDArray weights = weights(targets);
        NDArray signed = logits.mul(targets.mul(2).sub(1));
        NDArray loss = Activation.softPlus(signed.neg()).mul(weights).sum(new int[] {1});
        collect(logits, targets, weights);
        return loss;
    }

    /** The accumulated positive and negative gradients per class; empty before the first step. */
    @Override
    public List<float[]> saveState() {
        if (positiveGradient == null) {
            return restored == null ? List.of() : List.of(restored[0].clone(), restored[1].clone());
        }
        return List.of(positiveGradient.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(),
                negativeGradient.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray());
    }

    @Override
    public void restoreState(List<float[]> state) {
        if (state.isEmpty()) {
            return;
        }
        if (state.size() != 2 || state.get(0).length != classes || state.get(1).length != classes) {
            throw new IllegalArgumentException(NAME + ": a checkpoint's statistics must be two arrays of " + classes
                    + " classes");
        }
        if (positiveGradient != null) {
            positiveGradient.set(state.get(0));
            negativeGradient.set(state.get(1));
        }
        else {
            restored = new float[][] {state.get(0).clone(), state.get(1).clone()};
        }
    }

    /** Per class, the negative-term weight q_j; all 1 before the first step. */
    public double[] negativeWeights() {
        if (positiveGradient == null) {
            double[] ones = new double[classes];
            java.util.Arrays.fill(ones, 1);
            return ones;
        }
        try (NDManager scope = statistics.newSubManager()) {
            return toDoubles(negativeWeight(scope));
        }
    }

    /** Per class, the accumulated gradients g+_j (index 0) and g-_j (index 1); zeros before the first step. */
    public double[][] accumulatedGradients() {
        if (positiveGradient == null) {
            return new double[2][classes];
        }
        return new double[][] {toDoubles(positiveGradient), toDoubles(negativeGradient)};
    }

    private NDArray weights(NDArray targets) {
        if (positiveGradient == null) {
            return targets.onesLike();
        }
        try (NDManager scope = statistics.newSubManager()) {
            NDArray q = negativeWeight(scope).reshape(1, classes);
            q.attach(scope);
            NDArray p = scoped(scoped(scoped(q.neg(), scope).add(1), scope).mul(alpha), scope).add(1);
            p.attach(scope);
            // w = y p + (1 - y) q, broadcast over the batch; the results live on the batch's manager
            return targets.mul(p).add(targets.neg().add(1).mul(q));
        }
    }

    /** q_j on {@code scope}, which also receives every temporary (the statistics' manager keeps only the sums). */
    private NDArray negativeWeight(NDManager scope) {
        NDArray denominator = scoped(negativeGradient.add(EPSILON), scope);
        NDArray ratio = scoped(positiveGradient.div(denominator), scope);
        NDArray exponent = scoped(scoped(ratio.sub(mu), scope).mul(-gamma), scope);
        return scoped(scoped(scoped(exponent.exp(), scope).add(1), scope).pow(-1), scope);
    }

    private static NDArray scoped(NDArray array, NDManager scope) {
        array.attach(scope);
        return array;
    }

    /** Creates the sums on the logits' device: zeros, or a checkpoint's statistics. */
    private void allocate(NDArray logits) {
        statistics = logits.getManager().getEngine().newBaseManager(logits.getDevice());
        positiveGradient = statistics.zeros(new ai.djl.ndarray.types.Shape(classes), logits.getDataType());
        negativeGradient = statistics.zeros(new ai.djl.ndarray.types.Shape(classes), logits.getDataType());
        if (restored != null) {
            positiveGradient.set(restored[0]);
            negativeGradient.set(restored[1]);
            restored = null;
        }
    }

    private void collect(NDArray logits, NDArray targets, NDArray weights) {
        if (statistics == null) {
            allocate(logits);
        }
        try (NDManager scope = logits.getManager().newSubManager()) {
            NDArray z = logits.stopGradient();
            z.attach(scope);
            NDArray y = targets.stopGradient();
            y.attach(scope);
            NDArray w = weights.stopGradient();
            w.attach(scope);
            NDArray gradient = Activation.sigmoid(z).sub(y).abs().mul(w);
            gradient.attach(scope);
            NDArray positive = gradient.mul(y).sum(new int[] {0});
            positive.attach(scope);
            NDArray negative = gradient.mul(y.neg().add(1)).sum(new int[] {0});
            negative.attach(scope);
            positiveGradient.addi(positive);
            negativeGradient.addi(negative);
        }
    }

    private static double[] toDoubles(NDArray array) {
        float[] values;
        try (NDArray floats = array.toType(ai.djl.ndarray.types.DataType.FLOAT32, true)) {
            values = floats.toFloatArray();
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
