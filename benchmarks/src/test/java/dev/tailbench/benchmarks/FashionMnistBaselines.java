package dev.tailbench.benchmarks;

import dev.tailbench.api.Combination;
import dev.tailbench.api.ErrorBudget;
import dev.tailbench.api.LongTailExperiment;
import dev.tailbench.api.Recipe;

/**
 * Cross-entropy baselines on long-tailed Fashion-MNIST (imbalance 100) with the small ResNet for
 * 28x28 grey images: the reference every trick is compared with.
 */
@LongTailExperiment(dataset = "fashion-mnist", imbalance = 100, backbone = "resnet8", epochs = 30)
public class FashionMnistBaselines {

    @Combination
    @ErrorBudget(max = 100.0)
    public Recipe crossEntropy() {
        return Recipe.crossEntropy();
    }

    @Combination
    @ErrorBudget(notWorseThan = "crossEntropy", margin = 100.0)
    public Recipe crossEntropyNoAugmentation() {
        return Recipe.builder().optAugmentation(false).build();
    }
}
