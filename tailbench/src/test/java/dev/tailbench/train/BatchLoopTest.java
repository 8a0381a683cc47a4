package dev.tailbench.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;

class BatchLoopTest {

    /**
     * Loss of batch b: w * x_b with w = 2 at the start; plain SGD (no momentum, no decay) at rate
     * 0.5, so each step subtracts 0.5 x_b from w.
     */
    private static BatchLoop loop(NDManager manager, NDArray weight, List<String> failures) {
        return BatchLoop.builder()
                .setManager(manager)
                .setOptimizer(NesterovSgd.builder().setLearningRate(0.5f).optMomentum(0).optNesterov(false).build())
                .setTrainable(() -> Map.of("w", weight))
                .setNonFiniteLoss((batch, batches, value, inputs, labels) -> {
                    failures.add(batch + "/" + batches + " " + value + " " + inputs.getFloat());
                    return new IllegalStateException("non-finite");
                })
                .build();
    }

    @Test
    void eachBatchStepsOnceAndTheMeanOfTheBatchLossesIsReturned() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(2f);
            weight.setRequiresGradient(true);
            float[] inputs = {1f, 2f, -1f};
            List<Float> seen = new ArrayList<>();

            double mean = loop(manager, weight, new ArrayList<>()).run(3, (batch, scope) -> {
                NDArray x = scope.create(inputs[batch]);
                seen.add(weight.getFloat());
                return new BatchLoop.Batch(() -> weight.mul(x), x, null);
            });

            // w: 2 -> 1.5 -> 0.5 -> 1; losses 2, 3, -0.5
            assertThat(seen).containsExactly(2f, 1.5f, 0.5f);
            assertThat(weight.getFloat()).isEqualTo(1f);
            assertThat(mean).isCloseTo((2 + 3 - 0.5) / 3, org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void aNonFiniteLossStopsBeforeTheStepWithTheBatchAtHand() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(2f);
            weight.setRequiresGradient(true);
            float[] inputs = {1f, Float.NaN, 3f};
            List<String> failures = new ArrayList<>();

            assertThatThrownBy(() -> loop(manager, weight, failures).run(3, (batch, scope) -> {
                NDArray x = scope.create(inputs[batch]);
                return new BatchLoop.Batch(() -> weight.mul(x), x, null);
            })).hasMessage("non-finite");

            assertThat(failures).containsExactly("2/3 NaN NaN");
            assertThat(weight.getFloat()).as("only the first batch stepped").isEqualTo(1.5f);
        }
    }
}
