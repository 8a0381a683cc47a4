package dev.tailbench.tricks.sampling;

import java.util.random.RandomGenerator;

/** Every training image once per epoch, in a fresh random order (Fisher-Yates). */
public final class InstanceBalancedSampler implements EpochSampler {

    private final int size;

    /** @param size number of training images */
    public InstanceBalancedSampler(int size) {
        this.size = size;
    }

    @Override
    public int[] epoch(int epoch, RandomGenerator random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Shuffle.inPlace(order, random);
        return order;
    }
}
