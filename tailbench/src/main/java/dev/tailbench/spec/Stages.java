package dev.tailbench.spec;

/**
 * When a run's recipe changes phase, in epochs of the run as it trains (after any
 * {@code tailbench.epochs} scaling).
 *
 * @param deferralEpoch     epochs of the first stage; the deferred loss or sampler trains from
 *                          this 0-based epoch on; equals the run's epochs when the recipe has no
 *                          deferred stage
 * @param mixupEpochs       epochs trained with the recipe's mixup, counted from the start (0: no
 *                          mixup; fewer than the run's epochs: fine-tuning without mixup after)
 * @param rebalancingEpochs epochs of the classifier re-balancing stage after the last epoch (0:
 *                          none, or tau-normalisation, which does not train)
 * @param fineTuningEpochs  epochs of the fine-tuning stage without mixup after the last epoch,
 *                          before any re-balancing (0: none)
 */
public record Stages(int deferralEpoch, int mixupEpochs, int rebalancingEpochs, int fineTuningEpochs) {

    public Stages {
        if (deferralEpoch < 1 || mixupEpochs < 0 || rebalancingEpochs < 0 || fineTuningEpochs < 0) {
            throw new IllegalArgumentException("invalid stages: deferral " + deferralEpoch + ", mixup "
                    + mixupEpochs + ", rebalancing " + rebalancingEpochs + ", fine-tuning " + fineTuningEpochs);
        }
    }

    /** Stages without a fine-tuning stage. */
    public Stages(int deferralEpoch, int mixupEpochs, int rebalancingEpochs) {
        this(deferralEpoch, mixupEpochs, rebalancingEpochs, 0);
    }

    /** A single-stage run of {@code epochs} epochs without mixup or re-balancing. */
    public static Stages single(int epochs) {
        return new Stages(epochs, 0, 0, 0);
    }
}
