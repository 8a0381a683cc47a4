package dev.tailbench.tricks.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Samplers;
import dev.tailbench.api.TrickSpec;
import dev.tailbench.tricks.Tricks;

import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The loss factories of the API refuse bad parameters, and Tricks maps every loss they name. */
class LossFactoriesTest {

    private static void refused(ThrowingCallable factory, String loss, String parameter) {
        assertThatThrownBy(factory)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(loss)
                .hasMessageContaining(parameter);
    }

    @Test
    void outOfRangeParametersAreRefusedNamingTheLossAndTheParameter() {
        refused(() -> Losses.costSensitive(-0.5), "cost-sensitive", "gamma");
        refused(() -> Losses.focal(-1), "focal", "gamma");
        refused(() -> Losses.focal(Double.NaN), "focal", "gamma");
        refused(() -> Losses.costSensitiveFocal(2, -1), "cost-sensitive-focal", "weightGamma");
        refused(() -> Losses.costSensitiveFocal(-2, 1), "cost-sensitive-focal", "gamma");
        refused(() -> Losses.classBalanced(1), "class-balanced", "beta");
        refused(() -> Losses.classBalanced(-0.1), "class-balanced", "beta");
        refused(() -> Losses.classBalancedFocal(1.5, 1), "class-balanced-focal", "beta");
        refused(() -> Losses.classBalancedFocal(0.9, -1), "class-balanced-focal", "gamma");
        refused(() -> Losses.labelSmoothing(1), "label-smoothing", "epsilon");
        refused(() -> Losses.labelAwareSmoothing(1.2, 0.1, "concave"), "label-aware-smoothing", "head");
        refused(() -> Losses.labelAwareSmoothing(0.4, -0.1, "concave"), "label-aware-smoothing", "tail");
        refused(() -> Losses.labelAwareSmoothing(0.1, 0.4, "concave"), "label-aware-smoothing", "tail");
        refused(() -> Losses.labelAwareSmoothing(0.4, 0.1, "wavy"), "label-aware-smoothing", "shape");
        refused(() -> Losses.ldam(0, 0.5, 0), "ldam", "scale");
        refused(() -> Losses.ldam(30, -0.5, 0), "ldam", "maxMargin");
        refused(() -> Losses.ldam(30, 0.5, 1), "ldam", "beta");
        refused(() -> Losses.cdt(-0.2), "cdt", "gamma");
        refused(() -> Losses.softmaxEqualization(1.1, 0.05), "softmax-equalization", "gamma");
        refused(() -> Losses.softmaxEqualization(0.9, -0.05), "softmax-equalization", "lambda");
    }

    @Test
    void everyLossOfTheApiHasAnImplementation() {
        int[] counts = {50, 20, 5};
        Map<TrickSpec, Class<?>> expected = Map.ofEntries(
                Map.entry(Losses.crossEntropy(), CrossEntropyLoss.class),
                Map.entry(Losses.costSensitive(), WeightedCrossEntropyLoss.class),
                Map.entry(Losses.classBalanced(), WeightedCrossEntropyLoss.class),
                Map.entry(Losses.focal(), FocalLoss.class),
                Map.entry(Losses.costSensitiveFocal(2, 1), FocalLoss.class),
                Map.entry(Losses.classBalancedFocal(), FocalLoss.class),
                Map.entry(Losses.labelSmoothing(), SmoothedCrossEntropyLoss.class),
                Map.entry(Losses.labelAwareSmoothing(), SmoothedCrossEntropyLoss.class),
                Map.entry(Losses.ldam(), LdamLoss.class),
                Map.entry(Losses.cdt(), ClassDependentTemperatureLoss.class),
                Map.entry(Losses.balancedSoftmax(), BalancedSoftmaxLoss.class),
                Map.entry(Losses.softmaxEqualization(), SoftmaxEqualizationLoss.class));
        expected.forEach((spec, type) -> assertThat(Tricks.loss(spec, counts)).as(spec.name()).isInstanceOf(type));
    }

    @Test
    void specParametersReachTheImplementation() {
        int[] counts = {50, 20, 5};
        // cost-sensitive gamma 0.5: (5/50)^0.5, (5/20)^0.5, 1 = 0.316228, 0.5, 1
        WeightedCrossEntropyLoss costSensitive = (WeightedCrossEntropyLoss) Tricks.loss(Losses.costSensitive(0.5), counts);
        assertThat(costSensitive.classWeights()).containsExactly(new double[] {Math.sqrt(0.1), 0.5, 1}, within(1e-15));
        // label smoothing epsilon 0.2 for every class
        SmoothedCrossEntropyLoss smoothing = (SmoothedCrossEntropyLoss) Tricks.loss(Losses.labelSmoothing(0.2), counts);
        assertThat(smoothing.smoothing()).containsExactly(0.2, 0.2, 0.2);
        // ldam max margin 0.8 goes to the smallest class
        assertThat(((LdamLoss) Tricks.loss(Losses.ldam(10, 0.8, 0), counts)).margins()[2]).isEqualTo(0.8);
        // balanced softmax adds log n_c
        assertThat(((BalancedSoftmaxLoss) Tricks.loss(Losses.balancedSoftmax(), counts)).logitOffsets())
                .containsExactly(Math.log(50), Math.log(20), Math.log(5));
        // softmax equalization lambda 0.3: fractions 50/75, 20/75 = 0.267, 5/75 = 0.067
        assertThat(((SoftmaxEqualizationLoss) Tricks.loss(Losses.softmaxEqualization(0.9, 0.3), counts)).rareClasses())
                .containsExactly(false, true, true);
    }

    @Test
    void aSamplerSpecIsNotALoss() {
        assertThatThrownBy(() -> Tricks.loss(Samplers.instanceBalanced(), new int[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loss");
    }
}
