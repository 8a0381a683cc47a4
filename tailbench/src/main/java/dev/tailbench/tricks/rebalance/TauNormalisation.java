package dev.tailbench.tricks.rebalance;

import java.util.Objects;
import java.util.random.RandomGenerator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.data.device.RandomCropFlip;
import dev.tailbench.model.Backbone;
import dev.tailbench.tricks.sampling.EpochSampler;

/**
 * tau-normalisation: every row of the trained classifier becomes {@code w_c / ||w_c||^tau}, so
 * that the head classes' larger norms stop dominating the logits. No training, no data.
 *
 * <p>The bias: BagofTricks-LT ({@code Network.load_model(tau_norm=True)}) normalises
 * {@code classifier.weight} only and keeps the trained bias; Kang et al.'s {@code tau_norm.py}
 * scores with the normalised rows alone, i.e. without the bias. {@link ClassifierStage#of} follows
 * BagofTricks-LT, whose numbers this project reproduces ({@link Bias#KEEP}); {@link Bias#ZERO}
 * gives Kang et al.'s variant.
 *
 * <p>A row whose norm is 0 stays 0 (PyTorch would divide 0 by 0 and produce NaN for tau > 0).
 */
public final class TauNormalisation implements ClassifierStage {

    /** What happens to the classifier's bias. */
    public enum Bias {
        /** The trained bias is kept (BagofTricks-LT). */
        KEEP,
        /** The bias is set to 0, i.e. dropped (Kang et al.'s {@code tau_norm.py}). */
        ZERO
    }

    private final double tau;
    private final Bias bias;

    /**
     * @param tau  the exponent of the row norm, at least 0 (0 changes nothing, 1 gives unit rows)
     * @param bias what happens to the bias
     */
    public TauNormalisation(double tau, Bias bias) {
        if (!(tau >= 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("tau must be finite and >= 0, got " + tau);
        }
        this.tau = tau;
        this.bias = Objects.requireNonNull(bias, "bias");
    }

    /** @return the exponent of the row norm */
    public double tau() {
        return tau;
    }

    /** @return what happens to the bias */
    public Bias bias() {
        return bias;
    }

    @Override
    public int epochs() {
        return 0;
    }

    /** Rescales the network's classifier; the data arguments are not used and the listener is not called. */
    @Override
    public void run(Backbone network, ParameterStore parameters, DeviceImages train, EpochSampler sampler,
            RandomCropFlip augmentation, RandomGenerator random, EpochListener after) {
        apply(network);
    }

    /**
     * Rescales the rows of the network's classifier in place.
     *
     * @param network an initialised network
     */
    public void apply(Backbone network) {
        LinearHead head = LinearHead.of(network);
        NDArray weight = head.weightArray();
        WithoutGradient.change(head.pytorch(), () -> {
            try (NDManager scope = weight.getManager().newSubManager()) {
                NDArray norms = weight.norm(new int[] {1}, true);
                norms.attach(scope);
                // The reference divides by the powered norm; a zero row divides by 1 instead of 0.
                NDArray powered = norms.pow(tau);
                powered.attach(scope);
                NDArray zero = norms.eq(0);
                zero.attach(scope);
                NDArray one = scope.ones(powered.getShape(), powered.getDataType());
                NDArray denominator = NDArrays.where(zero, one, powered);
                denominator.attach(scope);
                weight.divi(denominator);
            }
            if (bias == Bias.ZERO) {
                NDArray b = head.biasArray();
                // A copy rather than b * 0, which keeps the sign of negative entries (-0) and NaN.
                try (NDArray zeros = b.zerosLike()) {
                    InPlace.copy(zeros, b);
                }
            }
        });
    }
}
