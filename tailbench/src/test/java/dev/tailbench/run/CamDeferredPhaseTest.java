package dev.tailbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Recipe;
import dev.tailbench.api.Samplers;
import dev.tailbench.tricks.cam.CamSampling;
import dev.tailbench.tricks.loss.WeightedCrossEntropyLoss;
import dev.tailbench.tricks.sampling.ClassWeightedSampler;
import dev.tailbench.tricks.sampling.SamplingProbabilities;

/**
 * The deferred stage of CAM-based sampling as BagofTricks-LT trains it ({@code cao_cifar.py},
 * {@code baseset.py}): the class is drawn with the base sampler's probabilities on the original
 * counts ({@code get_annotations()}), the image uniformly among the class's original and generated
 * images ({@code class_dict} over the enlarged data), and an epoch has the original length
 * ({@code __len__}). Before, the stage sampled the enlarged (balanced) set: CAM-balance, -square
 * and -progressive drew the same uniform class frequencies over four times the batches, and a
 * count-based loss saw balanced counts.
 */
class CamDeferredPhaseTest {

    /** Original counts (624 images) and the enlarged set's labels: n_max + n_min - n_c generated per class. */
    private static final int[] COUNTS = {500, 100, 20, 4};
    private static final int ORIGINAL = 624;
    private static final int[] LABELS = labels(COUNTS);
    private static final int[] ENLARGED = enlarged();
    /** Ten epochs, the deferred stage from the 0-based epoch 6: four epochs of its own. */
    private static final int EPOCHS = 10;
    private static final int DEFERRAL = 6;
    private static final int DRAWN_EPOCHS = 300;

    @Test
    void generationFillsEveryClassToTheSameSize() {
        assertThat(CamSampling.generationCounts(COUNTS)).containsExactly(4, 404, 484, 500);
        assertThat(ENLARGED).hasSize(ORIGINAL + 1392);
    }

    @Test
    void anEpochHasTheOriginalNumberOfImagesNotTheEnlargedSetsSize() {
        for (String base : new String[] {"class-balanced", "square-root", "progressive"}) {
            Phase phase = deferred(base);
            ClassWeightedSampler sampler = (ClassWeightedSampler) phase.sampler();
            assertThat(sampler.epochLength()).as(base).isEqualTo(ORIGINAL);
            int[] order = sampler.epoch(DEFERRAL, new SplittableRandom(1));
            assertThat(order).as(base).hasSize(ORIGINAL);
            // 128-image batches, the last partial one dropped: 4 per epoch, as for the original set
            // (the enlarged set would give 15)
            assertThat(new dev.tailbench.spec.Schedule(EPOCHS, 128, 0.1, 0.9, 0, 0, 1, java.util.List.of(), 1)
                    .trainingBatches(order.length)).isEqualTo(4);
        }
    }

    @Test
    void theThreeVariantsDrawTheirOwnFormulaOnTheOriginalCounts() {
        double n = ORIGINAL;
        long[] balance = classHistogram(deferred("class-balanced"), DEFERRAL, 11);
        long[] square = classHistogram(deferred("square-root"), DEFERRAL, 12);
        long[] progressive = classHistogram(deferred("progressive"), DEFERRAL, 13);

        double[] uniform = {0.25, 0.25, 0.25, 0.25};
        double roots = Math.sqrt(500) + Math.sqrt(100) + Math.sqrt(20) + Math.sqrt(4);
        double[] squareRoot = {Math.sqrt(500) / roots, Math.sqrt(100) / roots, Math.sqrt(20) / roots,
            Math.sqrt(4) / roots};
        // the stage's first epoch is 1 of its own 4: 1/4 of the way from instance- to class-balanced
        double[] progressiveFirst = {0.25 / 4 + 0.75 * 500 / n, 0.25 / 4 + 0.75 * 100 / n, 0.25 / 4 + 0.75 * 20 / n,
            0.25 / 4 + 0.75 * 4 / n};

        assertThat(largestZ(balance, uniform)).isLessThan(5);
        assertThat(largestZ(square, squareRoot)).isLessThan(5);
        assertThat(largestZ(progressive, progressiveFirst)).isLessThan(5);
        // and they differ from each other (the enlarged set's counts, all 504, made all three uniform)
        assertThat(largestZ(square, uniform)).isGreaterThan(50);
        assertThat(largestZ(progressive, uniform)).isGreaterThan(50);
        assertThat(largestZ(progressive, squareRoot)).isGreaterThan(50);
    }

    @Test
    void progressiveReachesClassBalancedAtTheStagesLastEpoch() {
        ClassWeightedSampler sampler = (ClassWeightedSampler) deferred("progressive").sampler();
        assertThat(sampler.classProbabilities(EPOCHS - 1)).containsExactly(SamplingProbabilities.classBalanced(COUNTS));
        // the stage's second epoch: 2 of 4
        assertThat(sampler.classProbabilities(DEFERRAL + 1))
                .containsExactly(SamplingProbabilities.progressive(COUNTS, 1, EPOCHS - DEFERRAL));
    }

    @Test
    void imagesOfAClassAreDrawnFromItsOriginalAndGeneratedImages() {
        ClassWeightedSampler sampler = (ClassWeightedSampler) deferred("class-balanced").sampler();
        SplittableRandom random = new SplittableRandom(21);
        long rareDraws = 0;
        long rareGenerated = 0;
        for (int e = 0; e < DRAWN_EPOCHS; e++) {
            for (int index : sampler.epoch(DEFERRAL, random)) {
                if (ENLARGED[index] == 3) {
                    rareDraws++;
                    rareGenerated += index >= ORIGINAL ? 1 : 0;
                }
            }
        }
        // the rarest class: 4 original and 500 generated images, each equally likely
        double p = 500 / 504.0;
        double z = Math.abs(rareGenerated - rareDraws * p) / Math.sqrt(rareDraws * p * (1 - p));
        assertThat(z).isLessThan(5);
    }

    @Test
    void aCountBasedLossInTheStageSeesTheOriginalCounts() {
        Recipe recipe = Recipe.builder().optDeferredSampler(Samplers.camBased())
                .optDeferredLoss(Losses.classBalanced(0.9999)).build();
        Phase phase = Phase.deferred(recipe, LABELS, COUNTS, ENLARGED, DEFERRAL, EPOCHS, 0);
        double[] weights = ((WeightedCrossEntropyLoss) phase.loss()).classWeights();
        assertThat(weights).containsExactly(
                WeightedCrossEntropyLoss.classBalanced(COUNTS, 0.9999).classWeights());
        // equal weights would be the enlarged set's
        assertThat(weights[3]).isGreaterThan(weights[0] * 10);
    }

    private static Phase deferred(String base) {
        Recipe recipe = Recipe.builder().optDeferredSampler(Samplers.camBased(base, 0.75)).build();
        return Phase.deferred(recipe, LABELS, COUNTS, ENLARGED, DEFERRAL, EPOCHS, 0);
    }

    private static long[] classHistogram(Phase phase, int epoch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] histogram = new long[COUNTS.length];
        for (int e = 0; e < DRAWN_EPOCHS; e++) {
            for (int index : phase.sampler().epoch(epoch, random)) {
                histogram[ENLARGED[index]]++;
            }
        }
        return histogram;
    }

    private static double largestZ(long[] observed, double[] p) {
        long n = Arrays.stream(observed).sum();
        double largest = 0;
        for (int c = 0; c < p.length; c++) {
            largest = Math.max(largest, Math.abs(observed[c] - n * p[c]) / Math.sqrt(n * p[c] * (1 - p[c])));
        }
        return largest;
    }

    /** Labels with the given counts, interleaved so that an index is not its position within its class. */
    private static int[] labels(int[] counts) {
        int[] labels = new int[Arrays.stream(counts).sum()];
        int[] left = counts.clone();
        int next = 0;
        while (next < labels.length) {
            for (int c = 0; c < counts.length; c++) {
                if (left[c] > 0) {
                    labels[next++] = c;
                    left[c]--;
                }
            }
        }
        return labels;
    }

    /** The original labels, then the generated images' labels class by class. */
    private static int[] enlarged() {
        int[] generated = CamSampling.generationCounts(COUNTS);
        int[] labels = Arrays.copyOf(LABELS, ORIGINAL + Arrays.stream(generated).sum());
        int next = ORIGINAL;
        for (int c = 0; c < generated.length; c++) {
            for (int k = 0; k < generated[c]; k++) {
                labels[next++] = c;
            }
        }
        return labels;
    }
}
