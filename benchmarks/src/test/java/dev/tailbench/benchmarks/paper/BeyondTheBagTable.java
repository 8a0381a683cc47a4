package dev.tailbench.benchmarks.paper;

import dev.tailbench.api.Combination;
import dev.tailbench.api.LongTailExperiment;
import dev.tailbench.api.Losses;
import dev.tailbench.api.PaperRow;
import dev.tailbench.api.Rebalancing;
import dev.tailbench.api.Recipe;

/**
 * Methods beyond the Bag of Tricks: logit adjustment (loss and post-hoc), equalization losses v1
 * (sigmoid form; the softmax form is in {@link ReweightingTable}) and v2, class rectification and
 * BALMS. Balanced softmax end to end is {@link ReweightingTable#balancedSoftmax()}.
 *
 * <p>The protocol is the Bag of Tricks' (CIFAR-10-LT, ResNet-32, 200 epochs), so that every row
 * compares with the other tables. Logit adjustment and BALMS publish CIFAR-LT figures under their
 * authors' own data and schedules ({@code reports/paper-tables/beyond-the-bag.json}, variant
 * {@code authors}): they are shown next to the measured error and never judged, and the test is
 * aborted. The equalization losses (detection papers) and class rectification (attributes,
 * CIFAR-100 balanced) publish no CIFAR-LT classification figure: their rows report the measured
 * error without a budget. Tagged {@code paper-protocol}, like the other tables.
 */
@LongTailExperiment(dataset = "cifar-10", imbalance = 100, backbone = "resnet32", epochs = 200,
        milestones = {160, 180}, tags = "paper-protocol")
public class BeyondTheBagTable {

    /** Logit-adjusted cross-entropy, tau 1. */
    @Combination
    @PaperRow("beyond-the-bag/authors/logit-adjusted-loss-cifar10")
    public Recipe logitAdjustedLoss() {
        return Recipe.builder().optLoss(Losses.logitAdjusted()).build();
    }

    /** Cross-entropy, then the classifier's bias moved by -tau log prior (tau 1). */
    @Combination
    @PaperRow("beyond-the-bag/authors/posthoc-logit-adjustment-cifar10")
    public Recipe posthocLogitAdjustment() {
        return Recipe.builder().optRebalancing(Rebalancing.logitAdjustment()).build();
    }

    /** Equalization loss v1, sigmoid form, lambda 0.05. */
    @Combination
    public Recipe equalization() {
        return Recipe.builder().optLoss(Losses.equalization()).build();
    }

    /** Equalization loss v2 (gamma 12, mu 0.8, alpha 4) from the first epoch. */
    @Combination
    public Recipe equalizationV2() {
        return Recipe.builder().optLoss(Losses.equalizationV2()).build();
    }

    /** Class rectification loss (eta 1, margin 0.5, 5 hard samples). */
    @Combination
    public Recipe classRectification() {
        return Recipe.builder().optLoss(Losses.classRectification()).build();
    }

    /** Cross-entropy, then BALMS's decoupled stage (balanced softmax + meta sampler, 30 epochs). */
    @Combination
    @PaperRow("beyond-the-bag/authors/balms-cifar10")
    public Recipe balancedMetaSoftmax() {
        return Recipe.builder().optRebalancing(Rebalancing.balancedMetaSoftmax()).build();
    }
}
