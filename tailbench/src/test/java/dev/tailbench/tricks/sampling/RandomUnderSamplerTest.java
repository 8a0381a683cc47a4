package dev.tailbench.tricks.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RandomUnderSamplerTest {

    private static final int[] COUNTS = {500, 100, 20, 4};
    private static final int[] LABELS = Draws.labels(COUNTS);

    @Test
    void everyClassIsCutToTheSmallestCountWithoutRepeats() {
        RandomUnderSampler sampler = new RandomUnderSampler(LABELS, COUNTS);
        SplittableRandom random = new SplittableRandom(1);
        for (int e = 0; e < 20; e++) {
            int[] epoch = sampler.epoch(e, random);
            assertThat(epoch).hasSize(4 * 4).doesNotHaveDuplicates();
            assertThat(Draws.classHistogram(epoch, LABELS, 4)).containsExactly(4, 4, 4, 4);
        }
    }

    /**
     * Each image of class c is kept with probability n_min / n_c per epoch: over 20,000 epochs an
     * image of the 500-image class is kept about 160 times (sd sqrt(20000 * 0.008 * 0.992) = 12.6),
     * so a sampler that always kept the same images would fail.
     */
    @Test
    void theKeptImagesAreAUniformSubset() {
        RandomUnderSampler sampler = new RandomUnderSampler(LABELS, COUNTS);
        SplittableRandom random = new SplittableRandom(2);
        int epochs = 20_000;
        long[] perImage = new long[LABELS.length];
        for (int e = 0; e < epochs; e++) {
            Draws.tally(sampler.epoch(e, random), perImage);
        }
        for (int i = 0; i < LABELS.length; i++) {
            double kept = 4.0 / COUNTS[LABELS[i]];
            double expected = epochs * kept;
            double sd = Math.sqrt(epochs * kept * (1 - kept));
            assertThat(Math.abs(perImage[i] - expected)).as("image %d", i).isLessThanOrEqualTo(Draws.SIGMAS * sd);
        }
    }

    @Test
    void theEpochIsShuffledAcrossClasses() {
        RandomUnderSampler sampler = new RandomUnderSampler(LABELS, COUNTS);
        SplittableRandom random = new SplittableRandom(3);
        // Grouped by class, the first image would always be of class 0.
        long[] firstClass = new long[4];
        for (int e = 0; e < 400; e++) {
            firstClass[LABELS[sampler.epoch(e, random)[0]]]++;
        }
        assertThat(Draws.largestZ(firstClass, new double[] {0.25, 0.25, 0.25, 0.25})).isLessThan(Draws.SIGMAS);
    }

    @Test
    void theSameSeedGivesTheSameOrder() {
        RandomUnderSampler sampler = new RandomUnderSampler(LABELS, COUNTS);
        int[] once = sampler.epoch(0, new SplittableRandom(42));
        assertThat(sampler.epoch(0, new SplittableRandom(42))).containsExactly(once);
        assertThat(sampler.epoch(0, new SplittableRandom(43))).isNotEqualTo(once);
    }

    @Test
    void aClassWithoutImagesIsNeverDrawnNorSetsTheSmallestCount() {
        RandomUnderSampler sampler = new RandomUnderSampler(new int[] {0, 2, 0, 2, 0}, new int[] {3, 0, 2});
        int[] epoch = sampler.epoch(0, new SplittableRandom(5));
        assertThat(Draws.classHistogram(epoch, new int[] {0, 2, 0, 2, 0}, 3)).containsExactly(2, 0, 2);
        assertThat(sampler.classProbabilities(0)).containsExactly(0.5, 0, 0.5);
    }

    @Test
    void invalidInputIsRejected() {
        assertThatThrownBy(() -> new RandomUnderSampler(new int[0], new int[] {0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RandomUnderSampler(new int[] {-1}, new int[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RandomUnderSampler(new int[] {0}, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
