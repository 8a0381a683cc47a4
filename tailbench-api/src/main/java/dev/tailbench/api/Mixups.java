package dev.tailbench.api;

import static dev.tailbench.api.Parameters.atLeast;
import static dev.tailbench.api.Parameters.inRange;
import static dev.tailbench.api.Parameters.oneOf;
import static dev.tailbench.api.Parameters.positive;
import static dev.tailbench.api.Parameters.positiveCount;

import java.util.Map;
import java.util.Set;

/**
 * Factories for the mixup of a recipe. Every mixup draws lambda ~ Beta(alpha, alpha) once per
 * batch and pairs each sample with one of a random permutation of the batch; the loss is
 * lambda L(a) + (1 - lambda) L(b) (per sample for remix). Defaults: the paper's alpha 1.0.
 */
public final class Mixups {

    /** Family name of mixup specs. */
    public static final String FAMILY = "mixup";

    /**
     * Where manifold mixup mixes the hidden states of the CIFAR ResNet: after the stem
     * ({@code stem}), after stage 1, 2 or 3 ({@code layer1}..{@code layer3}) or after global
     * average pooling ({@code pool}, the reference code's default).
     */
    public static final Set<String> MANIFOLD_LAYERS = Set.of("stem", "layer1", "layer2", "layer3", "pool");

    /** Family name of the fine-tuning stage after a mixup run ({@link #fineTuningWithoutMixup()}). */
    public static final String FINE_TUNING_FAMILY = "fine-tuning";

    private Mixups() {
    }

    /**
     * Fine-tuning without mixup as BagofTricks-LT trains it: a third stage after the run (the
     * configurations of the paper's best combination on CIFAR), starting from the run's selected
     * model with a new optimizer, no mixup, class-balanced sampling on the original training set,
     * 20 epochs at learning rate 0.001, warm-up 5, x0.1 from 1-based epochs 8 and 16, stepped
     * before each epoch. The paper reports 20.24 on CIFAR-10-LT IF 100 with it and 21.33 without.
     */
    public static TrickSpec fineTuningWithoutMixup() {
        return fineTuningWithoutMixup(20, 0.001);
    }

    /**
     * Fine-tuning without mixup as a third stage of {@code epochs} epochs at {@code learningRate}
     * (ImageNet-LT's configuration: 0.002); warm-up and milestones scale with the epochs (5, 8 and
     * 16 of 20). The epochs scale with {@code tailbench.epochs} like the run's.
     */
    public static TrickSpec fineTuningWithoutMixup(int epochs, double learningRate) {
        return new TrickSpec(FINE_TUNING_FAMILY, "without-mixup", Map.of(
                "epochs", positiveCount("fine-tuning without mixup", "epochs", epochs),
                "learningRate", positive("fine-tuning without mixup", "learningRate", learningRate)));
    }

    /** Input mixup with alpha 1. */
    public static TrickSpec input() {
        return input(1.0);
    }

    /** Input mixup (Zhang et al., ICLR 2018): images mixed before the network. */
    public static TrickSpec input(double alpha) {
        return new TrickSpec(FAMILY, "input", Map.of("alpha", positive("input mixup", "alpha", alpha)));
    }

    /** Manifold mixup with alpha 1 at the pooled features. */
    public static TrickSpec manifold() {
        return manifold(1.0, "pool");
    }

    /** Manifold mixup (Verma et al., ICML 2019) at one layer of {@link #MANIFOLD_LAYERS}. */
    public static TrickSpec manifold(double alpha, String layer) {
        return new TrickSpec(FAMILY, "manifold", Map.of("alpha", positive("manifold mixup", "alpha", alpha),
                "layer", oneOf("manifold mixup", "layer", layer, MANIFOLD_LAYERS)));
    }

    /** Remix with alpha 1, kappa 3, tau 0.5. */
    public static TrickSpec remix() {
        return remix(1.0, 3.0, 0.5);
    }

    /**
     * Remix (Chou et al., ECCV-W 2020): input mixup whose label weight of sample i becomes 0 when
     * n_a / n_b >= kappa and lambda < tau, 1 when n_a / n_b <= 1 / kappa and 1 - lambda < tau.
     */
    public static TrickSpec remix(double alpha, double kappa, double tau) {
        return new TrickSpec(FAMILY, "remix", Map.of("alpha", positive("remix", "alpha", alpha),
                "kappa", atLeast("remix", "kappa", kappa, 1), "tau", inRange("remix", "tau", tau, 0, 1)));
    }
}
