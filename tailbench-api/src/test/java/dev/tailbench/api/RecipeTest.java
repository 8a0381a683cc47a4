package dev.tailbench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RecipeTest {

    @Test
    void describeListsEveryPhaseWithItsDefaults() {
        Recipe bag = Recipe.builder().optMixup(Mixups.input()).optDeferredSampler(Samplers.camBased())
                .optFineTuneWithoutMixup(20).build();
        Map<String, Object> described = bag.describe();
        assertThat(described).containsOnlyKeys("loss", "sampler", "augmentation", "mixup", "fineTuneWithoutMixup",
                "deferredLoss", "deferredSampler", "deferralEpoch", "rebalancing");
        assertThat(described.get("mixup")).hasToString("input{alpha=1.0}");
        assertThat(described.get("deferredSampler")).hasToString("cam-based{base=class-balanced, thresholdFactor=0.75}");
        assertThat(described.get("deferralEpoch")).isEqualTo("first-milestone");
        assertThat(described.get("deferredLoss")).isEqualTo("none");
        assertThat(Recipe.crossEntropy().describe().get("deferralEpoch")).isEqualTo("none");
    }

    @Test
    void equalRecipesAreEqualAndDifferentOnesAreNot() {
        assertThat(Recipe.builder().optLoss(Losses.focal(2)).build())
                .isEqualTo(Recipe.builder().optLoss(Losses.focal()).build())
                .isNotEqualTo(Recipe.builder().optLoss(Losses.focal(1)).build());
    }

    @Test
    void trickFamiliesCannotBeMixedUp() {
        assertThatThrownBy(() -> Recipe.builder().optLoss(Samplers.classBalanced()))
                .hasMessageContaining("expected a loss but got the sampler 'class-balanced'");
        assertThatThrownBy(() -> Recipe.builder().optDeferredSampler(Losses.focal()))
                .hasMessageContaining("expected a sampler");
    }

    @Test
    void meaninglessCombinationsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Recipe.builder().optSampler(Samplers.imageTrans("square-root")).build())
                .hasMessageContaining("only be a deferred sampler");
        assertThatThrownBy(() -> Recipe.builder().optDeferralEpoch(5).build())
                .hasMessageContaining("without a deferred loss or sampler");
        assertThatThrownBy(() -> Recipe.builder().optDeferredSampler(Samplers.instanceBalanced()).build())
                .hasMessageContaining("changes nothing");
        assertThatThrownBy(() -> Recipe.builder().optLoss(Losses.ldam())
                .optRebalancing(Rebalancing.tauNormalisation()).build())
                .hasMessageContaining("LDAM");
        assertThatThrownBy(() -> Recipe.builder().optLoss(Losses.logitAdjusted())
                .optRebalancing(Rebalancing.logitAdjustment()).build())
                .hasMessageContaining("logit-adjusted").hasMessageContaining("second time");
        assertThatThrownBy(() -> Recipe.builder().optDeferredLoss(Losses.balancedSoftmax())
                .optRebalancing(Rebalancing.logitAdjustment()).build())
                .hasMessageContaining("balanced-softmax");
        assertThatThrownBy(() -> Recipe.builder().optFineTuning(Mixups.fineTuningWithoutMixup()).build())
                .hasMessageContaining("optFineTuning(without-mixup)").hasMessageContaining("declare optMixup");
        assertThatThrownBy(() -> Recipe.builder().optMixup(Mixups.input()).optFineTuneWithoutMixup(20)
                .optFineTuning(Mixups.fineTuningWithoutMixup()).build())
                .hasMessageContaining("two forms of the same trick");
        assertThatThrownBy(() -> Mixups.fineTuningWithoutMixup(0, 0.001)).hasMessageContaining("epochs");
        assertThatThrownBy(() -> Recipe.builder().optFineTuning(Mixups.input())).hasMessageContaining("fine-tuning");
        // BALMS re-initialises the classifier: after a balanced-softmax first stage it is meaningful.
        Recipe.builder().optLoss(Losses.balancedSoftmax()).optRebalancing(Rebalancing.balancedMetaSoftmax()).build();
    }

    @Test
    void parametersAreValidatedNamingTrickAndParameter() {
        assertThatThrownBy(() -> Losses.classBalanced(1.0)).hasMessage("class-balanced(beta = 1.0) must be in [0.0, 1.0)");
        assertThatThrownBy(() -> Losses.labelAwareSmoothing(0.1, 0.3, "concave")).hasMessageContaining("head >= tail");
        assertThatThrownBy(() -> Losses.labelAwareSmoothing(0.4, 0.1, "wavy"))
                .hasMessage("label-aware-smoothing(shape = \"wavy\") must be one of [concave, convex, linear]");
        assertThatThrownBy(() -> Mixups.manifold(1, "layer4")).hasMessageContaining("layer");
        assertThatThrownBy(() -> Mixups.remix(1, 0.5, 0.5)).hasMessage("remix(kappa = 0.5) must be a finite number >= 1.0");
        assertThatThrownBy(() -> Samplers.camBased("reverse", 0.75)).hasMessageContaining("base");
        assertThatThrownBy(() -> Rebalancing.classifierRetraining(0, 0.1, 5e-4)).hasMessage("cRT(epochs = 0.0) must be >= 1");
        assertThatThrownBy(() -> Losses.focal(Double.NaN)).hasMessageContaining("focal(gamma = NaN)");
    }

    @Test
    void trickSpecsHoldNumbersAndWords() {
        TrickSpec spec = Losses.labelAwareSmoothing();
        assertThat(spec.parameter("head")).isEqualTo(0.4);
        assertThat(spec.word("shape")).isEqualTo("concave");
        assertThatThrownBy(() -> spec.parameter("shape")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> spec.word("missing")).hasMessageContaining("has no parameter 'missing'");
        assertThatThrownBy(() -> new TrickSpec("loss", "x", Map.of("flag", true)))
                .hasMessageContaining("must be a number or a word");
    }
}
