package com.example;

import dev.tailbench.api.*;

/**
 * A first experiment as README.md shows it: cross-entropy against balanced softmax on the embedded
 * long-tailed Fashion-MNIST subset, 8 epochs of a ResNet-8. The budgets are those of tailbench's
 * own regression suite for the same protocol (six measured seeds): cross-entropy at most 52% error;
 * balanced softmax at most 43.5% and at least 2 points better than cross-entropy on the same seed.
 */
@LongTailExperiment(dataset = "fashion-mnist", imbalance = 100, backbone = "resnet8", epochs = 8)
class LongTailTricksTest {

    @Combination
    @ErrorBudget(max = 52.0)                                   // absolute: top-1 error % at most
    Recipe crossEntropy() {
        return Recipe.crossEntropy();
    }

    @Combination
    @ErrorBudget(max = 43.5, notWorseThan = "crossEntropy", margin = -2.0)  // and 2 points better, same seed
    Recipe balancedSoftmax() {
        return Recipe.builder().optLoss(Losses.balancedSoftmax()).build();
    }
}
