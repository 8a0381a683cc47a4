package dev.tailbench.tricks.sampling;

/**
 * A sampler that can say which share of an epoch each class gets, so that a run can record the
 * class distribution it trained on.
 */
public interface ClassDistributionSampler extends EpochSampler {

    /**
     * The expected share p_c of each class among the images of one epoch (exact for samplers with
     * fixed per-class counts); sums to 1, 0 for classes without images.
     *
     * @param epoch 0-based epoch of the whole run
     */
    double[] classProbabilities(int epoch);
}
