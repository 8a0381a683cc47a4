package dev.tailbench.data;

/**
 * The random stream of numpy's legacy {@code np.random.seed(s); np.random.shuffle(a)}, bit for
 * bit, so that a subset drawn by Python reference code (LDAM-DRW's CIFAR-LT, which the Bag of
 * Tricks and most later papers reuse) can be drawn again here without Python.
 *
 * <p>Three parts, each as numpy's legacy {@code RandomState} does it:
 * <ul>
 *   <li>the generator is MT19937 (Matsumoto and Nishimura, 1998), seeded from one 32-bit integer
 *       by the recurrence {@code key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >>> 30)) + i};
 *   <li>an integer in [0, max] takes 32-bit outputs masked to the smallest all-ones bit pattern
 *       covering {@code max} and rejects those above {@code max} (no modulo);
 *   <li>{@code shuffle} walks i from n-1 down to 1 and swaps element i with one drawn in [0, i].
 * </ul>
 * Not thread-safe; one instance per draw.
 */
public final class NumpyRandomState {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] key = new int[N];
    private int position;

    /**
     * As {@code np.random.seed(seed)}.
     *
     * @param seed in [0, 2^32 - 1], as numpy requires
     * @throws IllegalArgumentException for a seed numpy would reject
     */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("numpy seeds must lie in [0, 2^32 - 1], got " + seed);
        }
        key[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            key[i] = 1812433253 * (key[i - 1] ^ (key[i - 1] >>> 30)) + i;
        }
        position = N;
    }

    /** The next 32-bit output, as an unsigned value. */
    public long nextUint32() {
        if (position >= N) {
            regenerate();
        }
        int y = key[position++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /**
     * A uniform integer in [0, max] by masked rejection, as numpy's {@code random_interval}.
     *
     * @param max in [0, 2^32 - 1]
     */
    public long nextInterval(long max) {
        if (max < 0 || max > 0xffffffffL) {
            throw new IllegalArgumentException("max must lie in [0, 2^32 - 1], got " + max);
        }
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /** Shuffles {@code values} in place, as {@code np.random.shuffle} does a 1-d array. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = (int) nextInterval(i);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    private void regenerate() {
        for (int i = 0; i < N; i++) {
            int y = (key[i] & UPPER_MASK) | (key[(i + 1) % N] & LOWER_MASK);
            int next = key[(i + M) % N] ^ (y >>> 1);
            key[i] = (y & 1) == 0 ? next : next ^ MATRIX_A;
        }
        position = 0;
    }
}
