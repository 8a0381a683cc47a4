package dev.tailbench.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Mixups;
import dev.tailbench.api.Rebalancing;
import dev.tailbench.api.Recipe;
import dev.tailbench.api.Samplers;

import org.junit.jupiter.api.Test;

class SharedFirstStagesTest {

    private static final DataSpec DATA = new DataSpec("fashion-mnist", "", "exponential", 100, 0, "");

    private static RunSpec run(String name, long seed, int epochs, Recipe recipe, Stages stages) {
        Schedule schedule = new Schedule(epochs, 128, 0.1, 0.9, 2e-4, 2, Schedule.PAPER_WARMUP_START_FACTOR,
                List.of(epochs - 2), 0.01);
        return new RunSpec("x.E", name, seed, DATA, "resnet8", schedule, recipe, stages, "cpu", Budget.none());
    }

    private static RunSpec crossEntropy(long seed) {
        return run("ce", seed, 12, Recipe.crossEntropy(), Stages.single(12));
    }

    private static RunSpec drw(long seed) {
        return run("drw", seed, 12, Recipe.builder().optDeferredLoss(Losses.costSensitive()).build(),
                new Stages(10, 0, 0));
    }

    private static RunSpec crt(long seed) {
        return run("crt", seed, 12, Recipe.builder().optRebalancing(Rebalancing.classifierRetraining(3, 0.1, 5e-4))
                .build(), new Stages(12, 0, 3));
    }

    @Test
    void crossEntropySharesAllItsEpochsWithCrtAndItsFirstStageWithDrw() {
        SharedFirstStages plan = SharedFirstStages.plan(List.of(crossEntropy(1), drw(1), crt(1)));

        assertThat(plan.epochs(crossEntropy(1))).containsExactly(10, 12);
        assertThat(plan.epochs(crt(1))).containsExactly(10, 12);
        assertThat(plan.epochs(drw(1))).containsExactly(10);
    }

    @Test
    void runsThatDifferBeforeTheHandOffShareNothing() {
        RunSpec balancedSoftmax = run("bs", 1, 12, Recipe.builder().optLoss(Losses.balancedSoftmax()).build(),
                Stages.single(12));
        RunSpec otherSeed = drw(2);
        RunSpec mixup = run("mixup", 1, 12, Recipe.builder().optMixup(Mixups.input()).build(), new Stages(12, 12, 0));
        RunSpec longer = run("ce14", 1, 14, Recipe.crossEntropy(), Stages.single(14));

        SharedFirstStages plan = SharedFirstStages.plan(List.of(drw(1), balancedSoftmax, otherSeed, mixup, longer));

        for (RunSpec run : List.of(drw(1), balancedSoftmax, otherSeed, mixup, longer)) {
            assertThat(plan.epochs(run)).as(run.combination()).isEmpty();
        }
    }

    @Test
    void aRecipeDeclaredTwiceTrainsOnce() {
        RunSpec again = run("ceAgain", 1, 12, Recipe.crossEntropy(), Stages.single(12));
        SharedFirstStages plan = SharedFirstStages.plan(List.of(crossEntropy(1), again));

        assertThat(plan.epochs(again)).containsExactly(12);
        assertThat(plan.epochs(crossEntropy(1))).containsExactly(12);
        assertThat(SharedFirstStages.plan(List.of(crossEntropy(1))).epochs(crossEntropy(1))).as("alone").isEmpty();
    }

    @Test
    void aDeferredLdamPutsItsCosineHeadThereFromTheStart() {
        RunSpec ldam = run("drwLdam", 1, 12, Recipe.builder().optDeferredLoss(Losses.ldam()).build(),
                new Stages(10, 0, 0));

        assertThat(SharedFirstStages.plan(List.of(crossEntropy(1), ldam)).epochs(ldam)).isEmpty();
    }

    @Test
    void mixupEpochsCountOnlyUpToTheSharedEpoch() {
        RunSpec mixupCrt = run("mixupCrt", 1, 12, Recipe.builder().optMixup(Mixups.input())
                .optRebalancing(Rebalancing.classifierRetraining(3, 0.1, 5e-4)).build(), new Stages(12, 12, 3));
        RunSpec mixupDrw = run("mixupDrw", 1, 12, Recipe.builder().optMixup(Mixups.input())
                .optDeferredLoss(Losses.costSensitive()).build(), new Stages(10, 12, 0));
        RunSpec mixupUntilTen = run("mixupUntilTen", 1, 12, Recipe.builder().optMixup(Mixups.input())
                .optFineTuneWithoutMixup(2).build(), new Stages(12, 10, 0));

        SharedFirstStages plan = SharedFirstStages.plan(List.of(mixupCrt, mixupDrw, mixupUntilTen));

        // Mixup on for the first 10 epochs in all three: alike up to 10; only two of them go on
        // with mixup to 12.
        assertThat(plan.epochs(mixupCrt)).containsExactly(10);
        assertThat(plan.epochs(mixupDrw)).containsExactly(10);
        assertThat(plan.epochs(mixupUntilTen)).containsExactly(10);
        assertThat(SharedFirstStages.settings(mixupUntilTen, 10)).isEqualTo(SharedFirstStages.settings(mixupCrt, 10));
        assertThat(SharedFirstStages.settings(mixupUntilTen, 12)).isNotEqualTo(SharedFirstStages.settings(mixupCrt, 12));
    }

    @Test
    void nothingPastTheFirstStageIsShared() {
        assertThat(SharedFirstStages.firstStageEpochs(drw(1))).isEqualTo(10);
        assertThat(SharedFirstStages.firstStageEpochs(crt(1))).isEqualTo(12);
        assertThatThrownBy(() -> SharedFirstStages.settings(drw(1), 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("E.drw seed 1")
                .hasMessageContaining("10 first-stage epochs");
        assertThat(SharedFirstStages.none().epochs(drw(1))).isEmpty();
    }
}
