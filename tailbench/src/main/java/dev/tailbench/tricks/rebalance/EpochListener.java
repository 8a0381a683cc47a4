package dev.tailbench.tricks.rebalance;

/**
 * Called after every epoch of a classifier stage, outside any gradient collection and with the
 * stage's current result already in the network's parameters: a plain forward pass of the network
 * (training {@code false}) gives the logits to evaluate. The network must not be changed. A
 * non-finite batch loss asks it for the exception that stops the run (the trainer's says which run,
 * epoch and batch, as its main loop does).
 */
@FunctionalInterface
public interface EpochListener {

    /** Does nothing, for callers that evaluate only at the end. */
    EpochListener NONE = epoch -> {
    };

    /**
     * One epoch finished.
     *
     * @param epoch what it did
     */
    void epochFinished(StageEpoch epoch);

    /**
     * What to throw when a batch's loss is not finite, before the step.
     *
     * @param epoch        0-based epoch within the stage
     * @param batch        1-based batch of the epoch
     * @param batches      the epoch's batches
     * @param value        the loss
     * @param learningRate the epoch's learning rate
     */
    default RuntimeException nonFiniteLoss(int epoch, int batch, int batches, float value, double learningRate) {
        return new IllegalStateException(String.format(java.util.Locale.ROOT,
                "classifier stage: the loss is %s at its epoch %d, batch %d of %d; learning rate %.6g", value, epoch + 1,
                batch, batches, learningRate));
    }
}
