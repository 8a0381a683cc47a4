package dev.tailbench.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class NesterovSgdTest {

    private static final Offset<Float> EPS = Offset.offset(1e-6f);

    @Test
    void threeStepsMatchHandComputedPyTorchNesterov() {
        try (NDManager m = NDManager.newBaseManager()) {
            NesterovSgd opt =
                    NesterovSgd.builder()
                            .setLearningRate(0.1f)
                            .optMomentum(0.9f)
                            .optWeightDecays(0.01f)
                            .build();
            NDArray w = m.create(new float[] {1f, -2f});
            NDArray g = m.create(new float[] {0.5f, 1f}); // same gradient every step
            // lr = 0.1, mu = 0.9, wd = 0.01, w0 = (1, -2), g = (0.5, 1)
            //
            // step 1: d   = g + wd*w       = (0.5 + 0.01, 1 - 0.02)        = (0.51, 0.98)
            //         buf = d (clone)                                      = (0.51, 0.98)
            //         d  += mu*buf         = (0.51 + 0.459, 0.98 + 0.882)  = (0.969, 1.862)
            //         w  -= lr*d           = (1 - 0.0969, -2 - 0.1862)     = (0.9031, -2.1862)
            opt.update("w", w, g);
            assertThat(w.getFloat(0)).isCloseTo(0.9031f, EPS);
            assertThat(w.getFloat(1)).isCloseTo(-2.1862f, EPS);
            // step 2: d   = (0.5 + 0.009031, 1 - 0.021862)                 = (0.509031, 0.978138)
            //         buf = 0.9*(0.51, 0.98) + d = (0.459 + 0.509031, 0.882 + 0.978138)
            //                                                              = (0.968031, 1.860138)
            //         d  += 0.9*buf = (0.509031 + 0.8712279, 0.978138 + 1.6741242)
            //                                                              = (1.3802589, 2.6522622)
            //         w  -= 0.1*d   = (0.9031 - 0.13802589, -2.1862 - 0.26522622)
            //                                                              = (0.76507411, -2.45142622)
            opt.update("w", w, g);
            assertThat(w.getFloat(0)).isCloseTo(0.76507411f, EPS);
            assertThat(w.getFloat(1)).isCloseTo(-2.45142622f, EPS);
            // step 3: d   = (0.5 + 0.0076507411, 1 - 0.0245142622)         = (0.5076507411, 0.9754857378)
            //         buf = 0.9*(0.968031, 1.860138) + d
            //             = (0.8712279 + 0.5076507411, 1.6741242 + 0.9754857378)
            //                                                              = (1.3788786411, 2.6496099378)
            //         d  += 0.9*buf = (0.5076507411 + 1.24099077699, 0.9754857378 + 2.38464894402)
            //                                                              = (1.74864151809, 3.36013468182)
            //         w  -= 0.1*d   = (0.76507411 - 0.174864151809, -2.45142622 - 0.336013468182)
            //                                                              = (0.590209958191, -2.787439688182)
            opt.update("w", w, g);
            assertThat(w.getFloat(0)).isCloseTo(0.590209958f, EPS);
            assertThat(w.getFloat(1)).isCloseTo(-2.787439688f, EPS);
            // the caller's gradient is not modified
            assertThat(g.toFloatArray()).containsExactly(0.5f, 1f);
        }
    }

    /** PyTorch's SGD with nesterov=False (BALMS's classifier optimizer): the step is the buffer. */
    @Test
    void twoHeavyBallStepsMatchHandComputedPyTorchSgd() {
        try (NDManager m = NDManager.newBaseManager()) {
            NesterovSgd opt = NesterovSgd.builder().setLearningRate(0.1f).optMomentum(0.9f).optNesterov(false)
                    .optWeightDecays(0.01f).build();
            NDArray w = m.create(new float[] {1f, -2f});
            NDArray g = m.create(new float[] {0.5f, 1f});
            // step 1: d = g + wd*w = (0.51, 0.98); buf = d; w -= lr*buf = (0.949, -2.098)
            opt.update("w", w, g);
            assertThat(w.getFloat(0)).isCloseTo(0.949f, EPS);
            assertThat(w.getFloat(1)).isCloseTo(-2.098f, EPS);
            // step 2: d = (0.5 + 0.00949, 1 - 0.02098) = (0.50949, 0.97902)
            //         buf = 0.9*(0.51, 0.98) + d = (0.96849, 1.86102)
            //         w -= 0.1*buf = (0.949 - 0.096849, -2.098 - 0.186102) = (0.852151, -2.284102)
            opt.update("w", w, g);
            assertThat(w.getFloat(0)).isCloseTo(0.852151f, EPS);
            assertThat(w.getFloat(1)).isCloseTo(-2.284102f, EPS);
            assertThat(opt.momentum("w", w.getDevice())).containsExactly(new float[] {0.96849f, 1.86102f}, EPS);
        }
    }

    @Test
    void learningRateChangeAppliesToNextStep() {
        try (NDManager m = NDManager.newBaseManager()) {
            NesterovSgd opt = NesterovSgd.builder().setLearningRate(1f).optMomentum(0f).build();
            NDArray w = m.create(new float[] {1f});
            NDArray g = m.create(new float[] {0.25f});
            opt.update("w", w, g); // 1 - 1*0.25 = 0.75
            opt.setLearningRate(2f);
            opt.update("w", w, g); // 0.75 - 2*0.25 = 0.25
            assertThat(w.getFloat(0)).isCloseTo(0.25f, EPS);
        }
    }

    @Test
    void zeroMomentumIsPlainSgdAndMatchesDjlSgd() {
        try (NDManager m = NDManager.newBaseManager()) {
            NesterovSgd ours =
                    NesterovSgd.builder()
                            .setLearningRate(0.1f)
                            .optMomentum(0f)
                            .optWeightDecays(0.01f)
                            .build();
            Optimizer djl =
                    Optimizer.sgd()
                            .setLearningRateTracker(Tracker.fixed(0.1f))
                            .optWeightDecays(0.01f)
                            .build();
            NDArray a = m.create(new float[] {1f, -2f, 3f});
            NDArray b = a.duplicate();
            // DJL's PyTorch SGD zeroes the weight's gradient, so give both weights one.
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            NDArray g = m.create(new float[] {0.5f, 1f, -1f});
            float[] expected = {1f, -2f, 3f};
            for (int step = 0; step < 3; step++) {
                ours.update("p", a, g);
                djl.update("p", b, g);
                // plain SGD by hand: w -= lr * (g + wd * w)
                for (int i = 0; i < 3; i++) {
                    expected[i] -= 0.1f * (g.getFloat(i) + 0.01f * expected[i]);
                }
            }
            float[] ours3 = a.toFloatArray();
            float[] djl3 = b.toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertThat(ours3[i]).isCloseTo(expected[i], EPS);
                assertThat(ours3[i]).isCloseTo(djl3[i], EPS);
            }
        }
    }

    @Test
    void zeroesGradientKeepsOneBufferAndLeaksNothing() {
        try (NDManager m = NDManager.newBaseManager()) {
            NesterovSgd opt =
                    NesterovSgd.builder()
                            .setLearningRate(0.1f)
                            .optWeightDecays(5e-4f)
                            .setRescaleGrad(0.5f)
                            .optClipGrad(10f)
                            .build();
            NDArray w = m.create(new float[] {1f, 2f});
            w.setRequiresGradient(true);
            int before = m.getManagedArrays().size();
            for (int step = 0; step < 3; step++) {
                try (NDManager scope = m.newSubManager()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        // results belong to the first input's manager: start from a scope array
                        // so the forward temporaries do not land on the weights' manager
                        NDArray loss = scope.ones(w.getShape()).mul(w).mul(w).sum();
                        gc.backward(loss);
                    }
                    NDArray grad = w.getGradient(); // 2w
                    grad.attach(scope);
                    opt.update("w", w, grad);
                    try (NDArray after = w.getGradient()) {
                        assertThat(after.toFloatArray()).containsOnly(0f);
                    }
                }
            }
            // only the momentum buffer was added to the weights' manager
            assertThat(m.getManagedArrays().size()).isEqualTo(before + 1);
            opt.clearState();
            assertThat(m.getManagedArrays().size()).isEqualTo(before);
        }
    }

    @Test
    void builderValidates() {
        assertThatThrownBy(() -> NesterovSgd.builder().build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> NesterovSgd.builder().optMomentum(1f))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NesterovSgd.builder().setLearningRate(-1f))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
