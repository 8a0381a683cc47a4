package dev.tailbench.tricks.sampling;

import java.util.random.RandomGenerator;

/** Every training image once per epoch, in a fresh random order (Fisher-Yates). */
public final class InstanceBalancedSampler implements EpochSampler {

    private final int size;

    public InstanceBalancedSampler(int size) {
        this.size = size;
    }

    @Override
    public int[] epoch(int epoch, RandomGenerator random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
