package dev.tailbench.tricks.rebalance;

/**
 * Called after every epoch of a classifier stage, outside any gradient collection and with the
 * stage's current result already in the network's parameters: a plain forward pass of the network
 * (training {@code false}) gives the logits to evaluate. The network must not be changed.
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
}
