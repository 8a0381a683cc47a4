package dev.tailbench.tricks.sampling;

import java.util.random.RandomGenerator;

/**
 * Draws an index with given probabilities by binary search over the cumulative sums: O(log C) a
 * draw, which for C up to a few thousand classes is cheap beside building a batch.
 */
final class CumulativeDistribution {

    private final double[] cumulative;
    private final int lastPositive;

    /**
     * @param probabilities non-negative weights with a positive sum (need not sum to 1)
     */
    CumulativeDistribution(double[] probabilities) {
        cumulative = new double[probabilities.length];
        double sum = 0;
        int last = -1;
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("probability " + i + " is " + p);
            }
            sum += p;
            cumulative[i] = sum;
            if (p > 0) {
                last = i;
            }
        }
        if (last < 0) {
            throw new IllegalArgumentException("no index has a positive probability");
        }
        lastPositive = last;
    }

    /** An index i with probability p_i / sum(p); an index with p_i = 0 is never returned. */
    int draw(RandomGenerator random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        // First i with cumulative[i] > u: an empty interval (p_i = 0) has cumulative[i] ==
        // cumulative[i - 1] <= u, so it is skipped.
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > u) {
                high = mid;
            }
            else {
                low = mid + 1;
            }
        }
        // u can round up to the total; the last class with weight then takes it.
        return cumulative[low] > u ? low : lastPositive;
    }
}
