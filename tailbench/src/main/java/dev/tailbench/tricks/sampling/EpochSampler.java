package dev.tailbench.tricks.sampling;

import java.util.random.RandomGenerator;

/** Decides the training images of one epoch. */
public interface EpochSampler {

    /**
     * The indices (into the training set) of one epoch, in the order they are batched.
     *
     * @param epoch  0-based epoch
     * @param random the run's random source, so that a seed fixes the order
     */
    int[] epoch(int epoch, RandomGenerator random);
}
