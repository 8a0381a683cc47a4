package dev.tailbench.benchmarks.paper;

import dev.tailbench.api.Combination;
import dev.tailbench.api.LongTailExperiment;
import dev.tailbench.api.Mixups;
import dev.tailbench.api.PaperRow;
import dev.tailbench.api.Recipe;

/**
 * Mixup (trick gallery, mixup part): 400 epochs, learning rate steps at 320 and 360.
 *
 * <p>The paper's protocol: CIFAR-10-LT, ResNet-32, batch 128, SGD with Nesterov momentum, learning
 * rate 0.1 with 5 warm-up epochs, x0.01 at the milestones. Each row names its published rows
 * ({@link PaperRow}, numbers and sources in {@code reports/paper-tables/bag-of-tricks.json};
 * {@code cui}: Cui et al.'s subsets, as in the paper; {@code cao}: LDAM's draw): their figures are
 * budgets only for a run of exactly that protocol, e.g. {@code -Dtailbench.variant=cao} on
 * CIFAR-10. On tailbench's own subset (variant {@code tailbench}, the default) or at a CPU scale
 * they are reported next to the measured error and the test is aborted, never passed (see docs/tricks.md,
 * "Published figures"). Tagged {@code paper-protocol}: the main job leaves it out; it needs CIFAR-10
 * in the data directory and a GPU: {@code mvn -Pbenchmarks test -Dtailbench.excludedGroups=
 * -Dgroups=paper-protocol -Dtailbench.data.dir=/data -Dtailbench.variant=cao -Dgpu}.
 */
@LongTailExperiment(dataset = "cifar-10", imbalance = 100, backbone = "resnet32", epochs = 400,
        milestones = {320, 360}, tags = "paper-protocol")
public class MixupTable {

    /** CE, 400 epochs (the mixup reference). */
    @Combination
    @PaperRow("bag-of-tricks/cui/cross-entropy-400-epochs")
    public Recipe crossEntropy() {
        return Recipe.crossEntropy();
    }

    /** Input mixup (alpha 1). */
    @Combination
    @PaperRow("bag-of-tricks/cui/input-mixup")
    @PaperRow("bag-of-tricks/cao/input-mixup")
    public Recipe inputMixup() {
        return Recipe.builder().optMixup(Mixups.input()).build();
    }

    /** Manifold mixup (alpha 1, at the pooled features). */
    @Combination
    @PaperRow("bag-of-tricks/cui/manifold-mixup")
    @PaperRow("bag-of-tricks/cao/manifold-mixup")
    public Recipe manifoldMixup() {
        return Recipe.builder().optMixup(Mixups.manifold()).build();
    }

    /** Remix (alpha 1, kappa 3, tau 0.5). */
    @Combination
    @PaperRow("bag-of-tricks/cui/remix")
    public Recipe remix() {
        return Recipe.builder().optMixup(Mixups.remix()).build();
    }
}
