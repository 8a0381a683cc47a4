package dev.tailbench.tricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Samplers;
import dev.tailbench.tricks.sampling.ClassDistributionSampler;
import dev.tailbench.tricks.sampling.EpochSampler;
import dev.tailbench.tricks.sampling.InstanceBalancedSampler;
import dev.tailbench.tricks.sampling.SamplingProbabilities;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TricksSamplerTest {

    private static final int[] LABELS = {0, 1, 0, 2, 0, 0, 1, 0, 0};
    private static final int[] COUNTS = {6, 2, 1};

    @Test
    void everyResamplingNameMapsToItsSampler() {
        assertThat(Tricks.sampler(Samplers.instanceBalanced(), LABELS, COUNTS, 4)).isInstanceOf(InstanceBalancedSampler.class);
        assertThat(probabilities(Tricks.sampler(Samplers.classBalanced(), LABELS, COUNTS, 4), 0))
                .containsExactly(SamplingProbabilities.classBalanced(COUNTS));
        assertThat(probabilities(Tricks.sampler(Samplers.squareRoot(), LABELS, COUNTS, 4), 0))
                .containsExactly(SamplingProbabilities.squareRoot(COUNTS));
        // The run's epoch count reaches the progressive sampler: at epoch 1 of 4, e/E = 2/4.
        assertThat(probabilities(Tricks.sampler(Samplers.progressive(), LABELS, COUNTS, 4), 1))
                .containsExactly(SamplingProbabilities.progressive(COUNTS, 1, 4));
        assertThat(probabilities(Tricks.sampler(Samplers.reverse(), LABELS, COUNTS, 4), 0))
                .containsExactly(SamplingProbabilities.reverse(COUNTS));
        assertThat(Tricks.sampler(Samplers.randomOverSampling(), LABELS, COUNTS, 4).epoch(0, new SplittableRandom(1)))
                .hasSize(3 * 6);
        assertThat(Tricks.sampler(Samplers.randomUnderSampling(), LABELS, COUNTS, 4).epoch(0, new SplittableRandom(1)))
                .hasSize(3 * 1);
    }

    @Test
    void generatingSamplersAndOtherFamiliesAreNotSamplersHere() {
        assertThatThrownBy(() -> Tricks.sampler(Samplers.camBased(), LABELS, COUNTS, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cam-based");
        assertThatThrownBy(() -> Tricks.sampler(Samplers.imageTrans("class-balanced"), LABELS, COUNTS, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image-trans");
        assertThatThrownBy(() -> Tricks.sampler(Losses.crossEntropy(), LABELS, COUNTS, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double[] probabilities(EpochSampler sampler, int epoch) {
        assertThat(sampler).isInstanceOf(ClassDistributionSampler.class);
        return ((ClassDistributionSampler) sampler).classProbabilities(epoch);
    }
}
