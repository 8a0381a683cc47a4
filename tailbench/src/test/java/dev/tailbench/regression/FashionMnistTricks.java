package dev.tailbench.regression;

import dev.tailbench.api.Combination;
import dev.tailbench.api.ErrorBudget;
import dev.tailbench.api.LongTailExperiment;
import dev.tailbench.api.Losses;
import dev.tailbench.api.Mixups;
import dev.tailbench.api.Rebalancing;
import dev.tailbench.api.Recipe;
import dev.tailbench.api.Samplers;

/**
 * One representative of every trick family, trained by {@code mvn test} on the embedded
 * Fashion-MNIST-LT subset (imbalance 100) and held to budgets derived from six measured seeds
 * (reports/fashion-mnist-lt-regression.md: seeds 1-6, one thread, 2026-12-07, after the trainer was
 * aligned with BagofTricks-LT's code and the validation split became the default: the default
 * split holds 1 image of each class out of the embedded pool, whose head then shrinks to 1,184 so
 * that its tail of 11 still fits the profile; 2,932 training images), so that a regression in any
 * family fails a test.
 * Twelve epochs of a ResNet-8: warm-up 2 (the first epoch at two thirds of the rate), x0.01 from
 * 1-based epochs 11 and 12, the deferred stage from the 11th.
 *
 * <p>Budget rule (last epoch): {@code max} = mean + max(3 sd, 3 points), rounded up to half a
 * point. Where a trick is reliably better than cross-entropy on the same seed, a relative budget
 * adds: not worse than crossEntropy by more than mean difference + max(3 sd, 3 points) of the
 * differences (rounded up to half a point). The 3-point floor on differences is there because three
 * seeds once gave input mixup a difference sd of 0.48 and the next stream a difference of +9.
 * With a deferred stage the first ten epochs are bit-identical to crossEntropy's, so the pair
 * isolates the trick.
 */
@LongTailExperiment(dataset = "fashion-mnist", imbalance = 100, backbone = "resnet8", epochs = 12,
        tags = "regression")
public class FashionMnistTricks {

    /** Seeds 1-6: 41.67 / 43.10 / 41.03 / 38.97 / 40.57 / 38.63 (mean 40.66, sd 1.68). */
    @Combination
    @ErrorBudget(max = 46.0)
    public Recipe crossEntropy() {
        return Recipe.crossEntropy();
    }

    /** 30.53 / 33.10 / 30.93 / 28.93 / 26.73 / 31.83 (mean 30.34, sd 2.25); 10.32 better than crossEntropy (sd 2.26). */
    @Combination
    @ErrorBudget(max = 37.5, notWorseThan = "crossEntropy", margin = -3.5)
    public Recipe balancedSoftmax() {
        return Recipe.builder().optLoss(Losses.balancedSoftmax()).build();
    }

    /**
     * 34.50 / 37.07 / 35.73 / 34.17 / 34.80 / 36.60 (mean 35.48, sd 1.18); 5.18 better than
     * crossEntropy (sd 1.74), so the relative bound, -5.18 + 3 x 1.74 = +0.04, is not below zero:
     * only the maximum holds it.
     */
    @Combination
    @ErrorBudget(max = 39.5)
    public Recipe drwCostSensitive() {
        return Recipe.builder().optDeferredLoss(Losses.costSensitive()).build();
    }

    /** 40.67 / 46.30 / 43.17 / 42.60 / 44.13 / 42.93 (mean 43.30, sd 1.86): 2.64 worse than crossEntropy here (sd 1.92). */
    @Combination
    @ErrorBudget(max = 49.0)
    public Recipe drsClassBalanced() {
        return Recipe.builder().optDeferredSampler(Samplers.classBalanced()).build();
    }

    /**
     * 48.23 / 50.83 / 48.30 / 48.30 / 46.20 / 47.23 (mean 48.18, sd 1.54): 7.52 worse than
     * crossEntropy (sd 1.34) in 12 epochs; mixup needs long schedules (the paper trains it for 400).
     * A relative budget at that spread (+11.5) would add nothing to the maximum.
     */
    @Combination
    @ErrorBudget(max = 53.0)
    public Recipe inputMixup() {
        return Recipe.builder().optMixup(Mixups.input()).build();
    }

    /**
     * CAM-based DRS as the reference samples it (since 2026-12-07: classes by the original counts,
     * epochs of the original 2,932 draws), seeds 1-6: 42.37 / 47.60 / 43.77 / 42.23 / 46.00 / 44.60
     * (mean 44.43, sd 2.10); 3.77 worse than crossEntropy on the same seeds (sd 1.94). Its two
     * deferred epochs at a decayed rate are now as short as plain DRS's, which does not gain here
     * either; only the maximum holds it. The sampling itself is pinned by CamDeferredPhaseTest and
     * TricksEndToEndTest. (With the enlarged set's uniform classes and four times the draws it was
     * 31.01, sd 1.00.)
     */
    @Combination
    @ErrorBudget(max = 51.0)
    public Recipe drsCamBalance() {
        return Recipe.builder().optDeferredSampler(Samplers.camBased()).build();
    }

    /** 29.00 / 30.00 / 31.20 / 31.47 / 29.73 / 33.70 (mean 30.85, sd 1.67); 9.81 better than crossEntropy (sd 3.14). */
    @Combination
    @ErrorBudget(max = 36.0, notWorseThan = "crossEntropy", margin = 0.0)
    public Recipe classifierRetraining() {
        return Recipe.builder().optRebalancing(Rebalancing.classifierRetraining(3, 0.1, 5e-4)).build();
    }
}
