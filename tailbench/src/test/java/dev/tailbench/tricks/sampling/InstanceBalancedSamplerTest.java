package dev.tailbench.tricks.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Instance-balanced sampling: p_c = n_c / N, every image exactly once per epoch, in a uniform random order. */
class InstanceBalancedSamplerTest {

    private static final int[] COUNTS = {500, 100, 20, 4};
    private static final int[] LABELS = Draws.labels(COUNTS);

    @Test
    void anEpochIsAPermutationSoClassFrequenciesAreTheTrainingCounts() {
        InstanceBalancedSampler sampler = new InstanceBalancedSampler(LABELS.length);
        SplittableRandom random = new SplittableRandom(1);
        for (int e = 0; e < 3; e++) {
            int[] epoch = sampler.epoch(e, random);
            assertThat(Draws.classHistogram(epoch, LABELS, 4)).containsExactly(500, 100, 20, 4);
            int[] sorted = epoch.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                assertThat(sorted[i]).isEqualTo(i);
            }
        }
    }

    /**
     * Fisher-Yates gives each of the 4! = 24 orders of 4 images probability 1/24: over 48,000
     * epochs each order appears 2,000 times, sd sqrt(48000 * 1/24 * 23/24) = 43.8. A biased
     * shuffle (e.g. swapping with any position instead of the remaining ones) is off by hundreds.
     */
    @Test
    void everyOrderIsEquallyLikely() {
        InstanceBalancedSampler sampler = new InstanceBalancedSampler(4);
        SplittableRandom random = new SplittableRandom(2);
        int epochs = 48_000;
        Map<String, Integer> orders = new HashMap<>();
        for (int e = 0; e < epochs; e++) {
            orders.merge(Arrays.toString(sampler.epoch(e, random)), 1, Integer::sum);
        }
        assertThat(orders).hasSize(24);
        double expected = epochs / 24.0;
        double sd = Math.sqrt(epochs * (1 / 24.0) * (23 / 24.0));
        orders.forEach((order, count) -> assertThat(Math.abs(count - expected)).as(order)
                .isLessThanOrEqualTo(Draws.SIGMAS * sd));
    }

    @Test
    void theSameRandomStreamGivesTheSameOrder() {
        InstanceBalancedSampler sampler = new InstanceBalancedSampler(LABELS.length);
        int[] once = sampler.epoch(0, new SplittableRandom(42));
        assertThat(sampler.epoch(0, new SplittableRandom(42))).containsExactly(once);
        assertThat(sampler.epoch(0, new SplittableRandom(43))).isNotEqualTo(once);
    }
}
