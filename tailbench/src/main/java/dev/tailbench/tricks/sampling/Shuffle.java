package dev.tailbench.tricks.sampling;

import java.util.random.RandomGenerator;

/** Fisher-Yates shuffles on int arrays, so that epochs need no boxed collections. */
final class Shuffle {

    private Shuffle() {
    }

    /** Puts {@code values} in a uniformly random order. */
    static void inPlace(int[] values, RandomGenerator random) {
        for (int i = values.length - 1; i > 0; i--) {
            swap(values, i, random.nextInt(i + 1));
        }
    }

    /**
     * Moves a uniformly random {@code k}-subset of {@code values}, in random order, to its first
     * {@code k} positions: the first k steps of a forward Fisher-Yates shuffle.
     */
    static void firstK(int[] values, int k, RandomGenerator random) {
        for (int i = 0; i < k; i++) {
            swap(values, i, i + random.nextInt(values.length - i));
        }
    }

    private static void swap(int[] values, int i, int j) {
        int held = values[i];
        values[i] = values[j];
        values[j] = held;
    }
}
