package dev.tailbench.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.tailbench.api.Combination;
import dev.tailbench.api.LongTailExperiment;
import dev.tailbench.api.Losses;
import dev.tailbench.api.Mixups;
import dev.tailbench.api.Rebalancing;
import dev.tailbench.api.Recipe;
import dev.tailbench.api.Samplers;
import dev.tailbench.engine.TailbenchConfiguration;
import dev.tailbench.spec.Stages;

import org.junit.jupiter.api.Test;

/** How a recipe's phase changes resolve against the declared and the overridden epochs. */
class StagePlanTest {

    @LongTailExperiment(dataset = "fashion-mnist", epochs = 200, milestones = {160, 180})
    static class PaperSchedule {
        @Combination
        Recipe baseline() {
            return Recipe.crossEntropy();
        }

        @Combination
        Recipe drwAtMilestone() {
            return Recipe.builder().optDeferredLoss(Losses.costSensitive()).build();
        }

        @Combination
        Recipe drsAt100() {
            return Recipe.builder().optDeferredSampler(Samplers.classBalanced()).optDeferralEpoch(100).build();
        }

        @Combination
        Recipe bagOfTricks() {
            return Recipe.builder().optMixup(Mixups.input()).optDeferredSampler(Samplers.camBased())
                    .optFineTuneWithoutMixup(20).build();
        }

        @Combination
        Recipe classifierRetraining() {
            return Recipe.builder().optRebalancing(Rebalancing.classifierRetraining()).build();
        }

        @Combination
        Recipe tauNormalisation() {
            return Recipe.builder().optRebalancing(Rebalancing.tauNormalisation()).build();
        }
    }

    private static ExperimentDeclaration read(OptionalInt epochs) {
        TailbenchConfiguration configuration = new TailbenchConfiguration("", Path.of("target/unused"), "cpu", epochs,
                List.of(), OptionalInt.empty(), 1, false, "scaled", Optional.empty(), Optional.empty(), Optional.empty(), 0.05);
        ExperimentDeclaration declaration = ExperimentDeclaration.read(PaperSchedule.class, configuration);
        assertThat(declaration.classProblems()).isEmpty();
        assertThat(declaration.combinationNames()).hasSize(6);
        return declaration;
    }

    private static Stages stages(ExperimentDeclaration declaration, String combination) {
        return declaration.runSpec(combination, 1).stages();
    }

    @Test
    void atTheDeclaredEpochsPhasesChangeWhereDeclared() {
        ExperimentDeclaration declaration = read(OptionalInt.empty());
        assertThat(stages(declaration, "baseline")).isEqualTo(new Stages(200, 0, 0));
        assertThat(stages(declaration, "drwAtMilestone")).isEqualTo(new Stages(160, 0, 0));
        assertThat(stages(declaration, "drsAt100")).isEqualTo(new Stages(100, 0, 0));
        assertThat(stages(declaration, "bagOfTricks")).isEqualTo(new Stages(160, 180, 0));
        assertThat(stages(declaration, "classifierRetraining")).isEqualTo(new Stages(200, 0, 30));
        assertThat(stages(declaration, "tauNormalisation")).isEqualTo(new Stages(200, 0, 0));
    }

    @Test
    void aShortenedRunKeepsTheShape() {
        ExperimentDeclaration declaration = read(OptionalInt.of(20));
        // Milestones 160/180 of 200 become 16/18 of 20; 100 of 200 becomes 10; 20 of 200 becomes 2.
        assertThat(stages(declaration, "drwAtMilestone")).isEqualTo(new Stages(16, 0, 0));
        assertThat(stages(declaration, "drsAt100")).isEqualTo(new Stages(10, 0, 0));
        assertThat(stages(declaration, "bagOfTricks")).isEqualTo(new Stages(16, 18, 0));
        assertThat(stages(declaration, "classifierRetraining")).isEqualTo(new Stages(20, 0, 3));
    }

    @Test
    void aVeryShortRunKeepsAtLeastOneEpochPerPhase() {
        ExperimentDeclaration declaration = read(OptionalInt.of(2));
        // 160 of 200 scaled to 2 epochs is 2 = the end: the deferred stage keeps the last epoch;
        // 100 of 200 is 1; the fine-tuning (20 -> 0) keeps one epoch.
        assertThat(stages(declaration, "drwAtMilestone")).isEqualTo(new Stages(1, 0, 0));
        assertThat(stages(declaration, "drsAt100")).isEqualTo(new Stages(1, 0, 0));
        assertThat(stages(declaration, "bagOfTricks").mixupEpochs()).isEqualTo(1);
        assertThat(stages(declaration, "classifierRetraining").rebalancingEpochs()).isEqualTo(1);
    }
}
