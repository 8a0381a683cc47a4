package dev.tailbench.tricks.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SamplingProbabilitiesTest {

    private static final int[] COUNTS = {500, 100, 20, 4};
    private static final double N = 624;

    @Test
    void instanceBalancedIsTheClassFrequency() {
        // 500/624 = 0.801282, 100/624 = 0.160256, 20/624 = 0.032051, 4/624 = 0.006410
        assertClose(SamplingProbabilities.instanceBalanced(COUNTS), 0.801282, 0.160256, 0.032051, 0.006410);
    }

    @Test
    void classBalancedIsUniform() {
        assertClose(SamplingProbabilities.classBalanced(COUNTS), 0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void squareRootIsProportionalToTheRootOfTheCount() {
        // sqrt: 22.360680, 10, 4.472136, 2; sum 38.832816
        assertClose(SamplingProbabilities.squareRoot(COUNTS), 0.575819, 0.257514, 0.115164, 0.051503);
    }

    @Test
    void reverseIsProportionalToTheLargestCountOverTheCount() {
        // n_max / n_c = 1, 5, 25, 125; sum 156
        assertClose(SamplingProbabilities.reverse(COUNTS), 1 / 156.0, 5 / 156.0, 25 / 156.0, 125 / 156.0);
    }

    @Test
    void progressiveFirstEpochIsOneStepTowardsBalanced() {
        // e = 1 of E = 10: 0.1 / 4 + 0.9 n_c / 624 = 0.746154, 0.169231, 0.053846, 0.030769
        assertClose(SamplingProbabilities.progressive(COUNTS, 0, 10),
                0.1 / 4 + 0.9 * 500 / N, 0.1 / 4 + 0.9 * 100 / N, 0.1 / 4 + 0.9 * 20 / N, 0.1 / 4 + 0.9 * 4 / N);
        assertClose(SamplingProbabilities.progressive(COUNTS, 0, 10), 0.746154, 0.169231, 0.053846, 0.030769);
    }

    @Test
    void progressiveMidpointMixesHalfAndHalf() {
        // e = 5 of E = 10: 0.125 + 0.5 n_c / 624 = 0.525641, 0.205128, 0.141026, 0.128205
        assertClose(SamplingProbabilities.progressive(COUNTS, 4, 10), 0.525641, 0.205128, 0.141026, 0.128205);
    }

    @Test
    void progressiveLastEpochIsClassBalanced() {
        assertClose(SamplingProbabilities.progressive(COUNTS, 9, 10), 0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void progressiveOverOneEpochIsClassBalanced() {
        assertClose(SamplingProbabilities.progressive(COUNTS, 0, 1), 0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void overAndUnderSamplingGiveEveryClassAnEqualShare() {
        assertClose(SamplingProbabilities.randomOverSampling(COUNTS), 0.25, 0.25, 0.25, 0.25);
        assertClose(SamplingProbabilities.randomUnderSampling(COUNTS), 0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void aClassWithoutImagesGetsZeroAndTheRestAreRenormalised() {
        int[] counts = {3, 0, 1};
        assertClose(SamplingProbabilities.instanceBalanced(counts), 0.75, 0, 0.25);
        assertClose(SamplingProbabilities.classBalanced(counts), 0.5, 0, 0.5);
        // sqrt 3 = 1.732051, sqrt 1 = 1: 1.732051 / 2.732051 = 0.633975
        assertClose(SamplingProbabilities.squareRoot(counts), 0.633975, 0, 0.366025);
        // n_max / n_c = 1, -, 3: 1/4, 0, 3/4
        assertClose(SamplingProbabilities.reverse(counts), 0.25, 0, 0.75);
        // e = 1 of 2, C = 3, N = 4: 1/6 + 3/8 = 13/24 and 1/6 + 1/8 = 7/24, renormalised by 20/24
        assertClose(SamplingProbabilities.progressive(counts, 0, 2), 13 / 20.0, 0, 7 / 20.0);
        assertClose(SamplingProbabilities.randomOverSampling(counts), 0.5, 0, 0.5);
        assertClose(SamplingProbabilities.randomUnderSampling(counts), 0.5, 0, 0.5);
    }

    @Test
    void invalidCountsAreRejected() {
        assertThatThrownBy(() -> SamplingProbabilities.classBalanced(new int[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SamplingProbabilities.classBalanced(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SamplingProbabilities.squareRoot(new int[] {0, 0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no images");
        assertThatThrownBy(() -> SamplingProbabilities.reverse(new int[] {3, -1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void progressiveRejectsEpochsOutsideTheRun() {
        assertThatThrownBy(() -> SamplingProbabilities.progressive(COUNTS, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SamplingProbabilities.progressive(COUNTS, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SamplingProbabilities.progressive(COUNTS, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertClose(double[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int c = 0; c < expected.length; c++) {
            assertThat(actual[c]).as("class %d", c).isCloseTo(expected[c], within(1e-6));
        }
    }
}
