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
 * Fashion-MNIST-LT subset (imbalance 100) and held to budgets derived from three measured seeds
 * (reports/fashion-mnist-lt-regression.md), so that a regression in any family fails a test.
 * Twelve epochs of a ResNet-8: learning-rate milestones at 10 and 11, the deferred stage from
 * epoch 10 on.
 */
@LongTailExperiment(dataset = "fashion-mnist", imbalance = 100, backbone = "resnet8", epochs = 12,
        tags = "regression")
public class FashionMnistTricks {

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
        return Recipe.builder().optDeferredLoss(Losses.costSensitive()).build();
    }

    @Combination
    public Recipe drsClassBalanced() {
        return Recipe.builder().optDeferredSampler(Samplers.classBalanced()).build();
    }

    @Combination
    public Recipe inputMixup() {
        return Recipe.builder().optMixup(Mixups.input()).build();
    }

    @Combination
    public Recipe drsCamBalance() {
        return Recipe.builder().optDeferredSampler(Samplers.camBased()).build();
    }

    @Combination
    public Recipe classifierRetraining() {
        return Recipe.builder().optRebalancing(Rebalancing.classifierRetraining(3, 0.1, 5e-4)).build();
    }
}
