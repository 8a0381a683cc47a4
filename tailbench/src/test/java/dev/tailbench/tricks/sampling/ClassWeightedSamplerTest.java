package dev.tailbench.tricks.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ClassWeightedSamplerTest {

    private static final int[] COUNTS = {500, 100, 20, 4};
    private static final int[] LABELS = Draws.labels(COUNTS);
    /** 321 epochs of 624 images: about 200k draws. */
    private static final int EPOCHS = 321;

    @Test
    void anEpochHoldsAsManyImagesAsTheTrainingSet() {
        SplittableRandom random = new SplittableRandom(1);
        assertThat(ClassWeightedSampler.classBalanced(LABELS, COUNTS).epoch(0, random)).hasSize(624);
        assertThat(ClassWeightedSampler.squareRoot(LABELS, COUNTS).epoch(0, random)).hasSize(624);
        assertThat(ClassWeightedSampler.progressive(LABELS, COUNTS, 10).epoch(3, random)).hasSize(624);
        assertThat(ClassWeightedSampler.reverse(LABELS, COUNTS).epoch(0, random)).hasSize(624);
    }

    @Test
    void classBalancedDrawsEveryClassEquallyOften() {
        long[] drawn = Draws.histogramOfEpochs(ClassWeightedSampler.classBalanced(LABELS, COUNTS), 0, EPOCHS, LABELS, 4, 2);
        assertThat(Draws.largestZ(drawn, new double[] {0.25, 0.25, 0.25, 0.25})).isLessThan(Draws.SIGMAS);
    }

    @Test
    void squareRootDrawsInProportionToTheRootOfTheCount() {
        long[] drawn = Draws.histogramOfEpochs(ClassWeightedSampler.squareRoot(LABELS, COUNTS), 0, EPOCHS, LABELS, 4, 3);
        double sum = Math.sqrt(500) + Math.sqrt(100) + Math.sqrt(20) + Math.sqrt(4);
        double[] expected = {Math.sqrt(500) / sum, Math.sqrt(100) / sum, Math.sqrt(20) / sum, Math.sqrt(4) / sum};
        assertThat(Draws.largestZ(drawn, expected)).isLessThan(Draws.SIGMAS);
        // The check is sharp enough to tell square-root from class-balanced sampling.
        assertThat(Draws.largestZ(drawn, new double[] {0.25, 0.25, 0.25, 0.25})).isGreaterThan(10 * Draws.SIGMAS);
    }

    @Test
    void reverseDrawsInProportionToLargestOverCount() {
        long[] drawn = Draws.histogramOfEpochs(ClassWeightedSampler.reverse(LABELS, COUNTS), 0, EPOCHS, LABELS, 4, 4);
        // n_max / n_c = 1, 5, 25, 125 of 156
        assertThat(Draws.largestZ(drawn, new double[] {1 / 156.0, 5 / 156.0, 25 / 156.0, 125 / 156.0})).isLessThan(Draws.SIGMAS);
    }

    @Test
    void progressiveDrawsTheMixOfItsEpoch() {
        ClassWeightedSampler sampler = ClassWeightedSampler.progressive(LABELS, COUNTS, 10);
        double n = 624;
        // first epoch, e = 1 of 10: 0.1 / 4 + 0.9 n_c / N
        long[] first = Draws.histogramOfEpochs(sampler, 0, EPOCHS, LABELS, 4, 5);
        assertThat(Draws.largestZ(first, new double[] {0.025 + 0.9 * 500 / n, 0.025 + 0.9 * 100 / n, 0.025 + 0.9 * 20 / n,
            0.025 + 0.9 * 4 / n})).isLessThan(Draws.SIGMAS);
        // midpoint, e = 5 of 10: 0.5 / 4 + 0.5 n_c / N
        long[] middle = Draws.histogramOfEpochs(sampler, 4, EPOCHS, LABELS, 4, 6);
        assertThat(Draws.largestZ(middle, new double[] {0.125 + 0.5 * 500 / n, 0.125 + 0.5 * 100 / n, 0.125 + 0.5 * 20 / n,
            0.125 + 0.5 * 4 / n})).isLessThan(Draws.SIGMAS);
        // last epoch, e = 10 of 10: class-balanced
        long[] last = Draws.histogramOfEpochs(sampler, 9, EPOCHS, LABELS, 4, 7);
        assertThat(Draws.largestZ(last, new double[] {0.25, 0.25, 0.25, 0.25})).isLessThan(Draws.SIGMAS);
        // A 0-based e (instance-balanced at the first epoch) would be caught.
        assertThat(Draws.largestZ(first, new double[] {500 / n, 100 / n, 20 / n, 4 / n})).isGreaterThan(10 * Draws.SIGMAS);
    }

    @Test
    void classProbabilitiesAreTheFormula() {
        assertThat(ClassWeightedSampler.squareRoot(LABELS, COUNTS).classProbabilities(0))
                .containsExactly(SamplingProbabilities.squareRoot(COUNTS));
        assertThat(ClassWeightedSampler.progressive(LABELS, COUNTS, 10).classProbabilities(4))
                .containsExactly(SamplingProbabilities.progressive(COUNTS, 4, 10));
    }

    /**
     * Images within a class are drawn uniformly and the index returned is the image's training-set
     * index: labels {1, 0, 1, 1, 0}, class-balanced, so each class-0 image has p = 1/2 * 1/2 and
     * each class-1 image p = 1/2 * 1/3.
     */
    @Test
    void eachImageOfTheDrawnClassIsEquallyLikely() {
        int[] labels = {1, 0, 1, 1, 0};
        ClassWeightedSampler sampler = ClassWeightedSampler.classBalanced(labels, new int[] {2, 3});
        SplittableRandom random = new SplittableRandom(8);
        long[] perImage = new long[labels.length];
        for (int e = 0; e < 20_000; e++) {
            Draws.tally(sampler.epoch(0, random), perImage);
        }
        assertThat(Draws.largestZ(perImage, new double[] {1 / 6.0, 1 / 4.0, 1 / 6.0, 1 / 6.0, 1 / 4.0})).isLessThan(Draws.SIGMAS);
    }

    @Test
    void theSameSeedGivesTheSameOrder() {
        ClassWeightedSampler sampler = ClassWeightedSampler.progressive(LABELS, COUNTS, 10);
        int[] once = sampler.epoch(2, new SplittableRandom(42));
        assertThat(sampler.epoch(2, new SplittableRandom(42))).containsExactly(once);
        assertThat(sampler.epoch(2, new SplittableRandom(43))).isNotEqualTo(once);
    }

    @Test
    void aClassWithoutImagesIsNeverDrawn() {
        int[] counts = {3, 0, 2};
        int[] labels = {0, 2, 0, 2, 0};
        for (ClassWeightedSampler sampler : new ClassWeightedSampler[] {ClassWeightedSampler.classBalanced(labels, counts),
            ClassWeightedSampler.squareRoot(labels, counts), ClassWeightedSampler.progressive(labels, counts, 3),
            ClassWeightedSampler.reverse(labels, counts)}) {
            long[] drawn = Draws.histogramOfEpochs(sampler, 1, 2_000, labels, 3, 9);
            assertThat(drawn[1]).isZero();
            assertThat(drawn[0] + drawn[2]).isEqualTo(2_000 * 5);
            assertThat(sampler.classProbabilities(1)[1]).isZero();
        }
    }

    @Test
    void invalidInputIsRejected() {
        assertThatThrownBy(() -> ClassWeightedSampler.classBalanced(new int[0], new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassWeightedSampler.squareRoot(new int[] {0, 2}, new int[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassWeightedSampler.reverse(new int[] {0, 1}, new int[] {2, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassWeightedSampler.progressive(LABELS, COUNTS, 0))
                .isInstanceOf(IllegalArgumentException.class);
        ClassWeightedSampler progressive = ClassWeightedSampler.progressive(LABELS, COUNTS, 10);
        assertThatThrownBy(() -> progressive.epoch(10, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> progressive.epoch(-1, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class);
        ClassWeightedSampler balanced = ClassWeightedSampler.classBalanced(LABELS, COUNTS);
        assertThatThrownBy(() -> balanced.epoch(-1, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void probabilitiesForAClassWithoutImagesAreAnError() {
        ClassWeightedSampler sampler = new ClassWeightedSampler(new ClassMembers(new int[] {0, 0}, new int[] {2, 0}),
                epoch -> new double[] {0.5, 0.5});
        assertThatThrownBy(() -> sampler.epoch(0, new SplittableRandom(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("class 1 has no images");
    }
}
