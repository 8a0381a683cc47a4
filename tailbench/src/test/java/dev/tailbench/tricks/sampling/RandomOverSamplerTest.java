package dev.tailbench.tricks.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RandomOverSamplerTest {

    private static final int[] COUNTS = {500, 100, 20, 4};
    private static final int[] LABELS = Draws.labels(COUNTS);

    @Test
    void everyClassIsRaisedToTheLargestCount() {
        int[] epoch = new RandomOverSampler(LABELS, COUNTS).epoch(0, new SplittableRandom(1));
        assertThat(epoch).hasSize(4 * 500);
        assertThat(Draws.classHistogram(epoch, LABELS, 4)).containsExactly(500, 500, 500, 500);
    }

    @Test
    void everyImageAppearsAtLeastOnce() {
        RandomOverSampler sampler = new RandomOverSampler(LABELS, COUNTS);
        SplittableRandom random = new SplittableRandom(2);
        for (int e = 0; e < 5; e++) {
            long[] perImage = new long[LABELS.length];
            Draws.tally(sampler.epoch(e, random), perImage);
            for (int i = 0; i < perImage.length; i++) {
                assertThat(perImage[i]).as("image %d in epoch %d", i, e).isPositive();
            }
        }
    }

    /**
     * Each image of class c appears once plus Binomial(n_max - n_c, 1 / n_c) repeats per epoch;
     * over 40 epochs its count is within 5 standard deviations of 40 (1 + (n_max - n_c) / n_c),
     * e.g. 5000 for the 4-image class (sd sqrt(40 * 496 * 1/4 * 3/4) = 61).
     */
    @Test
    void repeatsAreSpreadUniformlyOverTheClass() {
        RandomOverSampler sampler = new RandomOverSampler(LABELS, COUNTS);
        SplittableRandom random = new SplittableRandom(3);
        int epochs = 40;
        long[] perImage = new long[LABELS.length];
        for (int e = 0; e < epochs; e++) {
            Draws.tally(sampler.epoch(e, random), perImage);
        }
        for (int i = 0; i < LABELS.length; i++) {
            double count = COUNTS[LABELS[i]];
            double repeats = 500 - count;
            double expected = epochs * (1 + repeats / count);
            double sd = Math.sqrt(epochs * repeats * (1 / count) * (1 - 1 / count));
            assertThat(Math.abs(perImage[i] - expected)).as("image %d", i).isLessThanOrEqualTo(Draws.SIGMAS * sd);
        }
    }

    @Test
    void theEpochIsShuffledAcrossClasses() {
        int[] epoch = new RandomOverSampler(LABELS, COUNTS).epoch(0, new SplittableRandom(4));
        // Grouped by class, the first 500 would all share a class.
        long[] head = Draws.classHistogram(Arrays.copyOf(epoch, 500), LABELS, 4);
        for (long count : head) {
            assertThat(count).isBetween(50L, 200L);
        }
    }

    @Test
    void theSameSeedGivesTheSameOrder() {
        RandomOverSampler sampler = new RandomOverSampler(LABELS, COUNTS);
        int[] once = sampler.epoch(0, new SplittableRandom(42));
        assertThat(sampler.epoch(0, new SplittableRandom(42))).containsExactly(once);
        assertThat(sampler.epoch(0, new SplittableRandom(43))).isNotEqualTo(once);
    }

    @Test
    void aClassWithoutImagesIsNeverDrawn() {
        RandomOverSampler sampler = new RandomOverSampler(new int[] {0, 2, 0, 2, 0}, new int[] {3, 0, 2});
        int[] epoch = sampler.epoch(0, new SplittableRandom(5));
        assertThat(Draws.classHistogram(epoch, new int[] {0, 2, 0, 2, 0}, 3)).containsExactly(3, 0, 3);
        assertThat(sampler.classProbabilities(0)).containsExactly(0.5, 0, 0.5);
    }

    @Test
    void invalidInputIsRejected() {
        assertThatThrownBy(() -> new RandomOverSampler(new int[0], new int[] {0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one training image");
        assertThatThrownBy(() -> new RandomOverSampler(new int[] {0, 3}, new int[] {1, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> new RandomOverSampler(new int[] {0, 1}, new int[] {1, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count says");
    }
}
