package dev.tailbench.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SGD with Nesterov momentum and coupled L2 weight decay, step for step as PyTorch's {@code
 * torch.optim.SGD(params, lr, momentum=mu, weight_decay=wd, nesterov=True)} (dampening 0):
 *
 * <pre>
 *   d   = g + wd * w
 *   buf = d                      (first step: PyTorch clones d)
 *   buf = mu * buf + d           (later steps)
 *   d   = d + mu * buf           (Nesterov look-ahead; without Nesterov: d = buf)
 *   w  -= lr * d
 * </pre>
 *
 * <p>DJL's own {@code Nag} and {@code Sgd} use the MXNet formulation (momentum state holds
 * {@code lr * g}, zero-initialised), which differs from PyTorch when the learning rate changes and
 * on the first step; the long-tail recipes (LDAM-DRW, BagofTricks-LT) were tuned with PyTorch's.
 *
 * <p>{@code rescaleGrad} and {@code clipGrad} from the DJL builder are honoured before the weight
 * decay ({@code g = clip(rescale * g)}), as DJL's native SGD does. With momentum 0 this is plain
 * SGD: {@code w -= lr * (g + wd * w)}.
 *
 * <p>As DJL's PyTorch optimizers do, {@link #update} zeroes the weight's gradient afterwards:
 * PyTorch accumulates gradients across backward passes and DJL's gradient collector does not
 * clear them.
 *
 * <p>The learning rate is read on every update, so a schedule sets it once per epoch (or per
 * step) with {@link #setLearningRate(float)}.
 */
public final class NesterovSgd extends Optimizer {

    private volatile float learningRate;
    private final float momentum;
    private final boolean nesterov;
    /** Momentum buffers by parameter id, then device; attached to the weight's manager. */
    private final Map<String, Map<Device, NDArray>> buffers = new ConcurrentHashMap<>();

    private NesterovSgd(Builder builder) {
        super(builder);
        learningRate = builder.learningRate;
        momentum = builder.momentum;
        nesterov = builder.nesterov;
    }

    /**
     * Returns a new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sets the learning rate used by the following updates.
     *
     * @param learningRate non-negative
     */
    public void setLearningRate(float learningRate) {
        checkLearningRate(learningRate);
        this.learningRate = learningRate;
    }

    /** @return the current learning rate */
    public float getLearningRate() {
        return learningRate;
    }

    /** @return the momentum factor */
    public float getMomentum() {
        return momentum;
    }

    /** @return the L2 weight decay factor */
    public float getWeightDecayFactor() {
        return getWeightDecay();
    }

    /**
     * Frees the momentum buffers, e.g. before training the same weights again from scratch. They
     * are otherwise freed with the manager of the weights they belong to.
     */
    public void clearState() {
        for (Map<Device, NDArray> perDevice : buffers.values()) {
            perDevice.values().forEach(NDArray::close);
        }
        buffers.clear();
    }

    /**
     * The momentum buffer of a parameter on its device, as floats, for a checkpoint; {@code null}
     * before the parameter's first step.
     */
    public float[] momentum(String parameterId, Device device) {
        NDArray buffer = momentumBuffer(parameterId, device);
        return buffer == null ? null : buffer.toFloatArray();
    }

    /**
     * The live momentum buffer of a parameter on its device, for a computation that reads it where
     * it is (BALMS's meta step); {@code null} before the parameter's first step. The optimizer owns
     * it: a caller must neither change nor close it.
     */
    public NDArray momentumBuffer(String parameterId, Device device) {
        Map<Device, NDArray> perDevice = buffers.get(parameterId);
        return perDevice == null ? null : perDevice.get(device);
    }

    /**
     * Sets a parameter's momentum buffer from a checkpoint: the next step continues as if this
     * optimizer had taken the steps before it.
     *
     * @param weight the parameter's array, whose shape, device and manager the buffer takes
     * @param values the buffer as {@link #momentum} returned it
     */
    public void restoreMomentum(String parameterId, NDArray weight, float[] values) {
        if (values.length != weight.size()) {
            throw new IllegalArgumentException("momentum of " + values.length + " values for a parameter of shape "
                    + weight.getShape());
        }
        NDArray buffer = weight.getManager().create(values, weight.getShape()).toType(weight.getDataType(), false);
        buffer.attach(weight.getManager());
        NDArray previous = buffers.computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>())
                .put(weight.getDevice(), buffer);
        if (previous != null) {
            previous.close();
        }
    }

    /** {@inheritDoc} */
    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        // Updating a leaf that requires grad in place is an error under autograd; make the step
        // work even if the caller is still inside a GradientCollector.
        boolean pytorch = weight instanceof PtNDArray;
        boolean gradMode = pytorch && JniUtils.isGradMode();
        if (gradMode) {
            JniUtils.setGradMode(false);
        }
        try {
            step(parameterId, weight, grad);
            if (weight.hasGradient()) {
                zeroGradient(weight, pytorch);
            }
        } finally {
            if (gradMode) {
                JniUtils.setGradMode(true);
            }
        }
    }

    private void step(String parameterId, NDArray weight, NDArray grad) {
        float lr = learningRate;
        float wd = getWeightDecay();
        // d is a fresh copy: the caller's gradient is left untouched. Every temporary below is
        // closed at once; otherwise it would stay on the weights' (model's) manager until the
        // model is closed.
        NDArray d = rescaleGrad == 1f ? grad.duplicate() : grad.mul(rescaleGrad);
        try {
            if (clipGrad > 0) {
                NDArray clipped = d.clip(-clipGrad, clipGrad);
                d.close();
                d = clipped;
            }
            if (wd != 0f) {
                try (NDArray decay = weight.mul(wd)) {
                    d.addi(decay);
                }
            }
            if (momentum != 0f) {
                NDArray buf = buffer(parameterId, weight, d);
                if (nesterov) {
                    try (NDArray lookAhead = buf.mul(momentum)) {
                        d.addi(lookAhead);
                    }
                }
                else {
                    // Heavy-ball momentum (nesterov=False): the step is the buffer itself.
                    d.close();
                    d = buf.duplicate();
                }
            }
            weight.subi(d.muli(lr));
        } finally {
            d.close();
        }
    }

    /**
     * Returns the momentum buffer of a parameter after this step's update: a clone of {@code d}
     * the first time (as PyTorch does), {@code mu * buf + d} afterwards.
     */
    private NDArray buffer(String parameterId, NDArray weight, NDArray d) {
        Map<Device, NDArray> perDevice =
                buffers.computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>());
        Device device = weight.getDevice();
        NDArray buf = perDevice.get(device);
        if (buf == null) {
            buf = d.duplicate();
            // Live exactly as long as the weights: not on a per-batch scope, and not detached
            // (DJL's withDefaultState detaches, leaving the memory to the garbage collector).
            buf.attach(weight.getManager());
            perDevice.put(device, buf);
        } else {
            buf.muli(momentum).addi(d);
        }
        return buf;
    }

    private static void zeroGradient(NDArray weight, boolean pytorch) {
        if (pytorch) {
            // The same call DJL's PyTorch Sgd/Adam make after their update.
            JniUtils.zeroGrad((PtNDArray) weight);
        } else {
            try (NDArray g = weight.getGradient()) {
                g.subi(g);
            }
        }
    }

    private static void checkLearningRate(float lr) {
        if (!(lr >= 0f) || Float.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
        }
    }

    /**
     * Builder for {@link NesterovSgd}. Weight decay is the inherited {@link
     * #optWeightDecays(float)}; {@code setRescaleGrad} and {@code optClipGrad} are
     * honoured too.
     */
    public static final class Builder extends OptimizerBuilder<Builder> {

        private float learningRate = Float.NaN;
        private float momentum = 0.9f;
        private boolean nesterov = true;

        private Builder() {}

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the initial learning rate (required); change it later with {@link
         * NesterovSgd#setLearningRate(float)}.
         *
         * @param learningRate non-negative
         * @return this builder
         */
        public Builder setLearningRate(float learningRate) {
            checkLearningRate(learningRate);
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets the momentum factor (default 0.9; 0 gives plain SGD).
         *
         * @param momentum in [0, 1)
         * @return this builder
         */
        public Builder optMomentum(float momentum) {
            if (!(momentum >= 0f && momentum < 1f)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
            }
            this.momentum = momentum;
            return this;
        }

        /**
         * Whether the momentum is Nesterov's (default) or PyTorch's plain heavy-ball form
         * ({@code nesterov=False}: {@code w -= lr * buf}), which BALMS's classifier optimizer uses.
         *
         * @param nesterov false for heavy-ball momentum
         * @return this builder
         */
        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /**
         * Builds the optimizer.
         *
         * @return the optimizer
         */
        public NesterovSgd build() {
            if (Float.isNaN(learningRate)) {
                throw new IllegalStateException("setLearningRate is required");
            }
            return new NesterovSgd(this);
        }
    }
}
