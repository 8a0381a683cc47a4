package dev.tailbench.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.tailbench.model.Backbones;
import dev.tailbench.model.CifarResNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throwaway measurement of a ResNet-32 training step (forward, backward, NesterovSgd) at batch
 * 128 on random CIFAR-shaped data. Runs only with {@code -Dtailbench.bench=true}; prints
 * images/s and asserts nothing about time. Also shows the wiring of a training step without
 * DJL's Trainer.
 */
@EnabledIfSystemProperty(named = "tailbench.bench", matches = "true")
class TrainStepThroughputTest {

    @Test
    void resnet32TrainStep() {
        int batch = Integer.getInteger("tailbench.bench.batch", 128);
        int warmup = 2;
        int steps = Integer.getInteger("tailbench.bench.steps", 8);
        try (NDManager root = NDManager.newBaseManager()) {
            CifarResNet net = (CifarResNet) Backbones.create("resnet32", 3, 10);
            // Parameters are created on `root` (they require gradients from here on).
            net.initialize(root, DataType.FLOAT32, new Shape(batch, 3, 32, 32));
            NesterovSgd opt =
                    NesterovSgd.builder()
                            .setLearningRate(0.1f)
                            .optMomentum(0.9f)
                            .optWeightDecays(2e-4f)
                            .build();
            // copy=false: the store hands out the parameter arrays themselves (single device).
            ParameterStore ps = new ParameterStore(root, false);
            ps.setParameterServer(new LocalParameterServer(opt), new Device[] {root.getDevice()});
            Loss loss = Loss.softmaxCrossEntropyLoss();

            long fwdBwd = 0;
            long update = 0;
            int arraysAfterWarmup = -1;
            for (int s = 0; s < warmup + steps; s++) {
                if (s == warmup) {
                    arraysAfterWarmup = root.getManagedArrays().size();
                    fwdBwd = 0;
                    update = 0;
                }
                // Everything made for the batch goes on this scope and is freed with it.
                try (NDManager scope = root.newSubManager()) {
                    NDArray x = scope.randomNormal(new Shape(batch, 3, 32, 32));
                    NDArray y = scope.randomInteger(0, 10, new Shape(batch), DataType.INT64);
                    long t0 = System.nanoTime();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = net.forward(ps, new NDList(x), true).singletonOrThrow();
                        NDArray l = loss.evaluate(new NDList(y), new NDList(logits));
                        gc.backward(l);
                    }
                    long t1 = System.nanoTime();
                    // For each parameter requiring gradients: optimizer.update(id, weight, grad),
                    // which also zeroes the gradient.
                    ps.updateAllParameters();
                    long t2 = System.nanoTime();
                    fwdBwd += t1 - t0;
                    update += t2 - t1;
                }
            }
            double sec = (fwdBwd + update) / 1e9;
            System.out.printf(
                    "ResNet-32 train step, batch %d, %d steps: %.1f images/s"
                            + " (forward+backward %.1f ms/step, optimizer %.1f ms/step)%n",
                    batch,
                    steps,
                    batch * steps / sec,
                    fwdBwd / 1e6 / steps,
                    update / 1e6 / steps);
            // no per-step growth on the long-lived manager
            assertThat(root.getManagedArrays()).hasSize(arraysAfterWarmup);
        }
    }
}
