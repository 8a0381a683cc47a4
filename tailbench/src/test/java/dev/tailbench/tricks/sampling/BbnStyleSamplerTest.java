package dev.tailbench.tricks.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.tailbench.api.Samplers;
import dev.tailbench.tricks.Tricks;

/**
 * BagofTricks-LT's "bbn sampler": every image once in a uniform shuffle, each joined by a draw of
 * BBN's reverse sampler, so a 128-image batch is the reference's 64 uniform + 64 reverse images.
 */
class BbnStyleSamplerTest {

    private static final int[] COUNTS = {500, 100, 20, 4};
    private static final int[] LABELS = Draws.labels(COUNTS);

    @Test
    void anEpochIsEveryImageOnceAndAsManyReverseDraws() {
        int[] order = new BbnStyleSampler(LABELS, COUNTS).epoch(0, new SplittableRandom(1));
        assertThat(order).hasSize(2 * 624);
        int[] uniform = new int[624];
        for (int i = 0; i < 624; i++) {
            uniform[i] = order[2 * i];
        }
        Arrays.sort(uniform);
        int[] all = new int[624];
        Arrays.setAll(all, i -> i);
        assertThat(uniform).containsExactly(all);
    }

    @Test
    void theReverseHalfDrawsClassesInProportionToLargestOverCount() {
        BbnStyleSampler sampler = new BbnStyleSampler(LABELS, COUNTS);
        SplittableRandom random = new SplittableRandom(2);
        long[] reverse = new long[4];
        long[] uniform = new long[4];
        for (int e = 0; e < 200; e++) {
            int[] order = sampler.epoch(e, random);
            for (int i = 0; i < order.length; i++) {
                (i % 2 == 0 ? uniform : reverse)[LABELS[order[i]]]++;
            }
        }
        // n_max / n_c = 1, 5, 25, 125 of 156
        assertThat(Draws.largestZ(reverse, new double[] {1 / 156.0, 5 / 156.0, 25 / 156.0, 125 / 156.0}))
                .isLessThan(Draws.SIGMAS);
        assertThat(sampler.reverseClassProbabilities()).containsExactly(SamplingProbabilities.reverse(COUNTS));
        // the other half is the training set's own distribution, exactly
        assertThat(uniform).containsExactly(200 * 500, 200 * 100, 200 * 20, 200 * 4);
    }

    @Test
    void theSpecNamesTheSampler() {
        assertThat(Tricks.sampler(Samplers.bbnStyle(), LABELS, COUNTS, 10)).isInstanceOf(BbnStyleSampler.class);
        assertThat(Tricks.sampler(Samplers.reverse(), LABELS, COUNTS, 10)).isInstanceOf(ClassWeightedSampler.class);
    }
}
