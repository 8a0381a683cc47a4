package dev.tailbench.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Rebalancing;
import dev.tailbench.api.Recipe;

import org.junit.jupiter.api.Test;

/** The planner on plain values: the paper's 200-epoch recipe run at the tables' 10 epochs. */
class RunPlannerTest {

    private static final RunPlanner.Declared PAPER = new RunPlanner.Declared(200, 128, 0.1, 0.9, 2e-4, -1,
            new int[0], 0.01);

    @Test
    void theScheduleShrinksWithItsShape() {
        RunPlanner tenEpochs = RunPlanner.of(PAPER, OptionalInt.of(10), OptionalInt.of(64));
        assertThat(tenEpochs.schedule().epochs()).isEqualTo(10);
        assertThat(tenEpochs.schedule().batchSize()).isEqualTo(64);
        // 160 and 180 of 200: 8 and 9 full-rate epochs before them, so 1-based 9 and 10 of 10.
        assertThat(tenEpochs.schedule().milestones()).containsExactly(9, 10);
        assertThat(RunPlanner.of(PAPER, OptionalInt.empty(), OptionalInt.empty()).schedule().milestones())
                .containsExactly(160, 180);
    }

    @Test
    void stagesStartWhereTheDeclaredScheduleSaysScaled() {
        RunPlanner tenEpochs = RunPlanner.of(PAPER, OptionalInt.of(10), OptionalInt.empty());
        // DRW from 0-based epoch 160 of 200: 8 of 10. cRT's 30 epochs of 200: 1.5, rounded to 2.
        Stages drw = tenEpochs.stages(Recipe.builder().optDeferredLoss(Losses.costSensitive())
                .optRebalancing(Rebalancing.classifierRetraining()).build());
        assertThat(drw.deferralEpoch()).isEqualTo(8);
        assertThat(drw.rebalancingEpochs()).isEqualTo(2);
        assertThatThrownBy(() -> RunPlanner.of(PAPER, OptionalInt.of(1), OptionalInt.empty())
                .stages(Recipe.builder().optDeferredLoss(Losses.costSensitive()).build()))
                .hasMessageContaining("a two-stage recipe needs at least 2 epochs, the run has 1");
    }
}
