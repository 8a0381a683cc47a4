package dev.tailbench.benchmarks.twin;

import dev.tailbench.api.Combination;
import dev.tailbench.api.LongTailExperiment;
import dev.tailbench.api.Losses;
import dev.tailbench.api.Mixups;
import dev.tailbench.api.Rebalancing;
import dev.tailbench.api.Recipe;
import dev.tailbench.api.Samplers;

/**
 * tailbench's side of the PyTorch twin ({@code benchmarks/twin/run_twin.sh}): six recipes on the
 * full Fashion-MNIST-LT (imbalance 100), ResNet-8, at the CPU scale of the tables (10 epochs,
 * warm-up 2, x0.01 from 1-based epochs 9 and 10, deferred stages from 0-based epoch 8), three
 * seeds. {@code benchmarks/twin/twin.py} trains the same recipes in plain PyTorch on the training
 * images this experiment draws ({@link SubsetExport}). No budgets: the twin's table compares the
 * two sides. Tagged {@code twin}, so only the runner selects it.
 *
 * <p>No validation split ({@code validationPerClass = 0}): the twin compares the two trainers'
 * last-epoch errors, not model selection, and holds the training set of the committed twin table
 * (the full class-0 pool as head).
 */
@LongTailExperiment(dataset = "fashion-mnist", imbalance = 100, backbone = "resnet8", epochs = 10,
        milestones = {9, 10}, warmupEpochs = 2, seeds = {1, 2, 3}, validationPerClass = 0, tags = "twin")
public class TwinRecipes {

    /** Deferred stages from 0-based epoch 8, as the tables' 160 of 200 scaled to 10. */
    static final int DEFERRAL = 8;

    @Combination
    public Recipe crossEntropy() {
        return Recipe.crossEntropy();
    }

    @Combination
    public Recipe balancedSoftmax() {
        return Recipe.builder().optLoss(Losses.balancedSoftmax()).build();
    }

    @Combination
    public Recipe drwCostSensitive() {
        return Recipe.builder().optDeferredLoss(Losses.costSensitive()).optDeferralEpoch(DEFERRAL).build();
    }

    @Combination
    public Recipe drsClassBalanced() {
        return Recipe.builder().optDeferredSampler(Samplers.classBalanced()).optDeferralEpoch(DEFERRAL).build();
    }

    @Combination
    public Recipe posthocLogitAdjustment() {
        return Recipe.builder().optRebalancing(Rebalancing.logitAdjustment()).build();
    }

    /** Input mixup, then fine-tuning without mixup as the reference's third stage (20 of 400 epochs, scaled: 1). */
    @Combination
    public Recipe inputMixupFineTune() {
        return Recipe.builder().optMixup(Mixups.input()).optFineTuning(Mixups.fineTuningWithoutMixup(1, 0.001)).build();
    }
}
