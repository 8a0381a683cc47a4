package dev.tailbench.tricks.rebalance;

import java.util.random.RandomGenerator;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.data.device.RandomCropFlip;
import dev.tailbench.model.Backbone;
import dev.tailbench.tricks.loss.LogitAdjustedLoss;
import dev.tailbench.tricks.sampling.EpochSampler;

/**
 * Post-hoc logit adjustment (Menon et al., ICLR 2021): the trained classifier's scores become
 * z_c - tau log pi_c, with pi_c = n_c / N the training label prior, so that the arg-max estimates
 * the balanced error's Bayes classifier. The classifier is linear, so this is done once by moving
 * its bias: b_c - tau log pi_c. No training, no data.
 */
public final class PosthocLogitAdjustment implements ClassifierStage {

    private static final String NAME = "logit-adjustment";

    private final double[] shifts;

    /**
     * @param classCounts n_c of the training set the classifier was trained on, each at least 1
     * @param tau         the scale of the adjustment, at least 0
     */
    public PosthocLogitAdjustment(int[] classCounts, double tau) {
        shifts = LogitAdjustedLoss.scaledLogPriors(NAME, classCounts, tau);
    }

    @Override
    public int epochs() {
        return 0;
    }

    /** Moves the network's classifier bias; the data arguments are not used and the listener is not called. */
    @Override
    public void run(Backbone network, ParameterStore parameters, DeviceImages train, EpochSampler sampler,
            RandomCropFlip augmentation, RandomGenerator random, EpochListener after) {
        apply(network);
    }

    /**
     * Subtracts tau log pi_c from the bias of class c, in place.
     *
     * @param network an initialised network with a linear classifier of as many classes as counts
     */
    public void apply(Backbone network) {
        LinearHead head = LinearHead.of(network);
        NDArray bias = head.biasArray();
        if (bias.getShape().size() != shifts.length) {
            throw new IllegalArgumentException(NAME + ": the classifier has " + bias.getShape().size()
                    + " classes, the class counts " + shifts.length);
        }
        WithoutGradient.change(head.pytorch(), () -> {
            try (NDArray shift = bias.getManager().create(shifts).toType(bias.getDataType(), false)) {
                bias.subi(shift);
            }
        });
    }
}
