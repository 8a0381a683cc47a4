package dev.tailbench.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Recipe;

import org.junit.jupiter.api.Test;

class PaperFigureTest {

    private static final PaperFigure CAO = new PaperFigure("cifar-10", "cao", 100, "resnet32", 200, 28.05, 1.0, "t");

    @Test
    void appliesOnlyToItsOwnSubsetVariant() {
        assertThat(CAO.mismatches(run("cao", 0))).isEmpty();
        assertThat(CAO.mismatches(run("cui", 0))).containsExactly("subset variant cui (paper cao)");
        assertThat(CAO.mismatches(run("tailbench", 0))).containsExactly("subset variant tailbench (paper cao)");
    }

    @Test
    void caoFiguresWereMeasuredOnDataSeedZero() {
        assertThat(CAO.mismatches(run("cao", 3))).containsExactly("data seed 3 (paper 0)");
    }

    @Test
    void aDataSetDependentHyperParameterMustBeThePapersValueForTheFiguresDataSet() {
        PaperFigure cifar100 = new PaperFigure("cifar-100", "cao", 100, "resnet32", 200, 59.51, 1.0, "t");
        Recipe followingTheDataSet = Recipe.builder().optDeferredLoss(Losses.classBalanced()).build();
        assertThat(cifar100.mismatches(run("cifar-100", "cao", 0, followingTheDataSet.forDataset("cifar-100"))))
                .isEmpty();
        Recipe explicit = Recipe.builder().optDeferredLoss(Losses.classBalanced(0.9999)).build();
        assertThat(cifar100.mismatches(run("cifar-100", "cao", 0, explicit.forDataset("cifar-100"))))
                .containsExactly("class-balanced beta 0.9999 (paper 0.9 on cifar-100)");
        Recipe seql = Recipe.builder().optLoss(Losses.softmaxEqualization(0.9, 0.05)).build();
        assertThat(cifar100.mismatches(run("cifar-100", "cao", 0, seql)))
                .containsExactly("softmax-equalization lambda 0.05 (paper 0.005 on cifar-100)");
        // the same explicit value is the paper's on CIFAR-10
        assertThat(CAO.mismatches(run("cifar-10", "cao", 0, explicit))).isEmpty();
    }

    private static RunSpec run(String variant, long dataSeed) {
        return run("cifar-10", variant, dataSeed, Recipe.crossEntropy());
    }

    private static RunSpec run(String dataset, String variant, long dataSeed, Recipe recipe) {
        DataSpec data = new DataSpec(dataset, "/data", "exponential", 100, dataSeed, variant);
        Schedule schedule = new Schedule(200, 128, 0.1, 0.9, 2e-4, 5, 1 / 3.0, List.of(160, 180), 0.01);
        return new RunSpec("x.E", "ce", 1, data, "resnet32", schedule, recipe, Stages.single(200), "cpu",
                Budget.none());
    }
}
