package dev.tailbench.tricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

import dev.tailbench.api.Losses;

import org.junit.jupiter.api.Test;

class CrossEntropyLossTest {

    /**
     * Two samples, three classes. Sample 0: logits (0, 0, ln 2), label 2 -> p = 2/4, loss ln 2.
     * Sample 1: logits (ln 3, 0, 0), label 1 -> p = 1/5, loss ln 5. Mean (ln 2 + ln 5)/2 = ln(10)/2.
     * Gradient of the mean w.r.t. logits: (softmax - onehot) / 2.
     */
    @Test
    void valueAndGradientMatchHandComputation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float ln2 = (float) Math.log(2);
            float ln3 = (float) Math.log(3);
            NDArray logits = manager.create(new float[] {0, 0, ln2, ln3, 0, 0}, new ai.djl.ndarray.types.Shape(2, 3));
            logits.setRequiresGradient(true);
            NDArray labels = manager.create(new long[] {2, 1});
            NDArray loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                loss = Tricks.loss(Losses.crossEntropy(), new int[] {5, 3, 1}).evaluate(logits, labels);
                collector.backward(loss);
            }
            assertThat(loss.getFloat()).isCloseTo((float) (Math.log(10) / 2), within(1e-6f));
            float[] gradient = logits.getGradient().toFloatArray();
            float[] expected = {0.25f / 2, 0.25f / 2, (0.5f - 1) / 2, 0.6f / 2, (0.2f - 1) / 2, 0.2f / 2};
            for (int i = 0; i < expected.length; i++) {
                assertThat(gradient[i]).as("gradient %d", i).isCloseTo(expected[i], within(1e-6f));
            }
        }
    }
}
