package dev.tailbench.run;

import java.util.SplittableRandom;

/**
 * The random source of one epoch (sampling, augmentation, mixup, CAM-based generation) and the
 * native engine's seed for it, both derived from the run's seed and the epoch alone. A run resumed
 * at epoch e therefore draws exactly what the uninterrupted run drew from epoch e on, without
 * saving any generator's state.
 */
final class EpochRandom {

    private EpochRandom() {
    }

    /** The epoch's own stream; {@code epoch} may be the number of epochs, for the stage after them. */
    static SplittableRandom of(long seed, int epoch) {
        return new SplittableRandom(mix(seed, epoch));
    }

    /** The seed the native engine gets at the start of the epoch (its own kernels' random draws). */
    static int engineSeed(long seed, int epoch) {
        long mixed = mix(seed, epoch);
        return (int) (mixed ^ (mixed >>> 32)) & Integer.MAX_VALUE;
    }

    // SplittableRandom's own seed mixing spreads nearby seeds; the odd constant keeps (seed, epoch)
    // pairs apart so that epoch e of seed s never reuses epoch e' of seed s'.
    private static long mix(long seed, int epoch) {
        return seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + 1;
    }
}
