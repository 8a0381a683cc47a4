package dev.tailbench.tricks.mixup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MixDrawTest {

    /**
     * Beta(a, a) has mean 1/2 and variance 1/(4(2a + 1)); its excess kurtosis is -6/(2a + 3), so
     * the fourth central moment is var^2 (3 - 6/(2a + 3)) and the sample variance of n draws has
     * standard error var sqrt((2 - 6/(2a + 3)) / n). Both moments must lie within 4 standard errors.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.2})
    void lambdaHasTheMomentsOfBetaAlphaAlpha(double alpha) {
        int n = 40_000;
        SplittableRandom random = new SplittableRandom(11);
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            double lambda = MixDraw.draw(alpha, 1, random).lambda();
            assertThat(lambda).isBetween(0.0, 1.0);
            sum += lambda;
            sumSquares += lambda * lambda;
        }
        double mean = sum / n;
        double variance = sumSquares / n - mean * mean;
        double expectedVariance = 1 / (4 * (2 * alpha + 1));
        double meanError = Math.sqrt(expectedVariance / n);
        double varianceError = expectedVariance * Math.sqrt((2 - 6 / (2 * alpha + 3)) / n);
        assertThat(mean).isCloseTo(0.5, within(4 * meanError));
        assertThat(variance).isCloseTo(expectedVariance, within(4 * varianceError));
    }

    @Test
    void theSameSeedGivesTheSameDraws() {
        SplittableRandom first = new SplittableRandom(3);
        SplittableRandom second = new SplittableRandom(3);
        SplittableRandom other = new SplittableRandom(4);
        for (int i = 0; i < 20; i++) {
            MixDraw draw = MixDraw.draw(0.2, 16, first);
            assertThat(MixDraw.draw(0.2, 16, second)).isEqualTo(draw);
            assertThat(MixDraw.draw(0.2, 16, other)).isNotEqualTo(draw);
        }
    }

    /** 6,000 draws over the 3! orderings: each about 1,000 times, standard deviation sqrt(6000 / 6 * 5 / 6) = 28.9. */
    @Test
    void thePermutationIsUniform() {
        SplittableRandom random = new SplittableRandom(5);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 6_000; i++) {
            int[] permutation = MixDraw.draw(1.0, 3, random).permutation();
            counts.merge(Arrays.toString(permutation), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("[0, 1, 2]", "[0, 2, 1]", "[1, 0, 2]", "[1, 2, 0]", "[2, 0, 1]", "[2, 1, 0]");
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(1000 - 116, 1000 + 116));
    }

    @Test
    void largeBatchesGetAPermutation() {
        int[] permutation = MixDraw.draw(1.0, 128, new SplittableRandom(1)).permutation();
        int[] sorted = permutation.clone();
        Arrays.sort(sorted);
        int[] identity = new int[128];
        Arrays.setAll(identity, i -> i);
        assertThat(sorted).containsExactly(identity);
        assertThat(permutation).isNotEqualTo(identity);
    }

    /** Rows (1, 2), (3, 4), (5, 6); partners 2, 0, 1; lambda 0.25: row 0 = 0.25 (1, 2) + 0.75 (5, 6) = (4, 5). */
    @Test
    void mixWeighsEachRowWithItsPartner() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(3, 2));
            MixDraw draw = new MixDraw(0.25, new int[] {2, 0, 1});
            NDArray index = draw.index(batch);
            assertThat(MixDraw.partners(batch, index).toFloatArray()).containsExactly(5, 6, 1, 2, 3, 4);
            assertThat(MixDraw.partners(manager.create(new int[] {7, 8, 9}), index).toIntArray()).containsExactly(9, 7, 8);
            // row 1: 0.25 (3, 4) + 0.75 (1, 2) = (1.5, 2.5); row 2: 0.25 (5, 6) + 0.75 (3, 4) = (3.5, 4.5)
            assertThat(draw.mix(batch, index).toFloatArray()).containsExactly(4, 5, 1.5f, 2.5f, 3.5f, 4.5f);
        }
    }
}
