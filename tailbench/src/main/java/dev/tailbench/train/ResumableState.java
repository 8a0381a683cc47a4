package dev.tailbench.train;

import java.util.List;

/**
 * Training state, beyond the network's parameters, that a checkpoint carries so that a resumed run
 * continues exactly where the killed one stopped: an optimizer's momentum, a loss's accumulated
 * statistics.
 */
public interface ResumableState {

    /** The state as float arrays in a fixed order; empty when there is none yet. */
    List<float[]> saveState();

    /**
     * Restores what {@link #saveState} returned.
     *
     * @throws IllegalArgumentException when the arrays do not fit this object
     */
    void restoreState(List<float[]> state);
}
