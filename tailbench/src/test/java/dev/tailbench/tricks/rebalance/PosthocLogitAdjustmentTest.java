package dev.tailbench.tricks.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;

import dev.tailbench.api.Rebalancing;
import dev.tailbench.model.CifarResNet;

import org.junit.jupiter.api.Test;

class PosthocLogitAdjustmentTest {

    @Test
    void theBiasMovesByTauTimesTheLogPriorAndTheWeightStays() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet network = Fixtures.network(manager, 3, 1);
            LinearHead head = LinearHead.of(network);
            Fixtures.overwrite(head.biasArray(), new float[] {0.5f, -1, 2});
            float[] weight = head.weightArray().toFloatArray();
            // counts 6, 3, 1 (priors 0.6, 0.3, 0.1), tau 2: b_c - 2 ln pi_c
            ClassifierStage stage = ClassifierStage.of(Rebalancing.logitAdjustment(2), 128, new int[] {6, 3, 1});
            assertThat(stage.epochs()).isZero();
            stage.run(network, null, null, null, null, null, epoch -> {
                throw new AssertionError("a post-hoc adjustment has no epochs");
            });
            float[] bias = head.biasArray().toFloatArray();
            assertThat(bias[0]).isCloseTo((float) (0.5 - 2 * Math.log(0.6)), within(1e-5f));
            assertThat(bias[1]).isCloseTo((float) (-1 - 2 * Math.log(0.3)), within(1e-5f));
            assertThat(bias[2]).isCloseTo((float) (2 - 2 * Math.log(0.1)), within(1e-5f));
            assertThat(head.weightArray().toFloatArray()).containsExactly(weight);
        }
    }

    @Test
    void refusesACountPerClassThatDoesNotMatchAndAnEmptyClass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet network = Fixtures.network(manager, 3, 1);
            assertThatThrownBy(() -> new PosthocLogitAdjustment(new int[] {6, 3}, 1).apply(network))
                    .hasMessageContaining("3 classes, the class counts 2");
        }
        assertThatThrownBy(() -> new PosthocLogitAdjustment(new int[] {6, 0, 1}, 1))
                .hasMessageContaining("logit-adjustment").hasMessageContaining("class 1");
        assertThatThrownBy(() -> Rebalancing.logitAdjustment(-0.5)).hasMessageContaining("tau");
    }
}
