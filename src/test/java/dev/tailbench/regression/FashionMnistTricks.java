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
 * aligned with BagofTricks-LT's code: the scheduler stepped before each epoch, the last partial
 * batch dropped, the head initialised as nn.Linear), so that a regression in any family fails a test.
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

    /** Seeds 1-6: 37.00 / 38.20 / 36.50 / 37.07 / 39.43 / 37.67 (mean 37.64, sd 1.06). */
    @Combination
    @ErrorBudget(max = 41.0)
    public Recipe crossEntropy() {
        return Recipe.crossEntropy();
    }

    /** 30.93 / 29.47 / 31.33 / 28.63 / 32.03 / 30.07 (mean 30.41, sd 1.26); 7.23 better than crossEntropy (sd 1.38). */
    @Combination
    @ErrorBudget(max = 34.5, notWorseThan = "crossEntropy", margin = -3.0)
    public Recipe balancedSoftmax() {
        return Recipe.builder().optLoss(Losses.balancedSoftmax()).build();
    }

    /** 33.30 / 34.93 / 33.40 / 34.43 / 35.40 / 34.30 (mean 34.29, sd 0.83); 3.35 better than crossEntropy (sd 0.48). */
    @Combination
    @ErrorBudget(max = 37.5, notWorseThan = "crossEntropy", margin = 0.0)
    public Recipe drwCostSensitive() {
        return Recipe.builder().optDeferredLoss(Losses.costSensitive()).build();
    }

    /** 40.07 / 42.07 / 39.67 / 41.50 / 43.63 / 40.70 (mean 41.27, sd 1.46): 3.63 worse than crossEntropy here (sd 0.62). */
    @Combination
    @ErrorBudget(max = 46.0)
    public Recipe drsClassBalanced() {
        return Recipe.builder().optDeferredSampler(Samplers.classBalanced()).build();
    }

    /**
     * 49.33 / 45.43 / 47.57 / 45.50 / 49.93 / 48.70 (mean 47.74, sd 1.93): 10.10 worse than
     * crossEntropy (sd 1.89) in 12 epochs; mixup needs long schedules (the paper trains it for 400).
     * A relative budget at that spread (+15.8) would add nothing to the maximum.
     */
    @Combination
    @ErrorBudget(max = 54.0)
    public Recipe inputMixup() {
        return Recipe.builder().optMixup(Mixups.input()).build();
    }

    /**
     * CAM-based DRS as the reference samples it (since 2026-12-07: classes by the original counts,
     * epochs of the original 2,974 draws), seeds 1-6: 40.93 / 43.87 / 41.00 / 43.33 / 44.57 / 41.83
     * (mean 42.59, sd 1.54); 4.94 worse than crossEntropy on the same seeds (sd 0.91). Its two
     * deferred epochs at a decayed rate are now as short as plain DRS's, which does not gain here
     * either; only the maximum holds it. The sampling itself is pinned by CamDeferredPhaseTest and
     * TricksEndToEndTest. (With the enlarged set's uniform classes and four times the draws it was
     * 31.01, sd 1.00.)
     */
    @Combination
    @ErrorBudget(max = 47.5)
    public Recipe drsCamBalance() {
        return Recipe.builder().optDeferredSampler(Samplers.camBased()).build();
    }

    /** 28.53 / 30.83 / 29.77 / 30.37 / 29.83 / 30.70 (mean 30.01, sd 0.84); 7.64 better than crossEntropy (sd 1.16). */
    @Combination
    @ErrorBudget(max = 33.5, notWorseThan = "crossEntropy", margin = -4.0)
    public Recipe classifierRetraining() {
        return Recipe.builder().optRebalancing(Rebalancing.classifierRetraining(3, 0.1, 5e-4)).build();
    }
}
