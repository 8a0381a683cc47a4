package dev.tailbench.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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

    private static RunSpec run(String variant, long dataSeed) {
        DataSpec data = new DataSpec("cifar-10", "/data", "exponential", 100, dataSeed, variant);
        Schedule schedule = new Schedule(200, 128, 0.1, 0.9, 2e-4, 5, 1 / 3.0, List.of(160, 180), 0.01);
        return new RunSpec("x.E", "ce", 1, data, "resnet32", schedule, Recipe.crossEntropy(), Stages.single(200), "cpu",
                Budget.none());
    }
}
