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
import ai.djl.nn.Block;
import dev.tailbench.model.Backbones;
import org.junit.jupiter.api.Test;

/** End-to-end wiring: a small CIFAR ResNet trained with NesterovSgd memorises one batch. */
class TrainingStepTest {

    @Test
    void resnet8OverfitsOneBatch() {
        Engine.getInstance().setRandomSeed(7);
        try (NDManager root = NDManager.newBaseManager()) {
            Block net = Backbones.create("resnet8", 1, 4);
            net.initialize(root, DataType.FLOAT32, new Shape(16, 1, 12, 12));
            NesterovSgd opt =
                    NesterovSgd.builder().setLearningRate(0.05f).optWeightDecays(5e-4f).build();
            ParameterStore ps = new ParameterStore(root, false);
            ps.setParameterServer(new LocalParameterServer(opt), new Device[] {root.getDevice()});
            Loss loss = Loss.softmaxCrossEntropyLoss();
            NDArray x = root.randomNormal(new Shape(16, 1, 12, 12));
            NDArray y = root.randomInteger(0, 4, new Shape(16), DataType.INT64);
            float first = Float.NaN;
            float last = Float.NaN;
            int arrays = root.getManagedArrays().size();
            for (int step = 0; step < 30; step++) {
                try (NDManager scope = root.newSubManager()) {
                    // Results belong to the first input's manager: copy inputs AND labels onto the
                    // scope, or the loss's label reshapes land on root, one array per step.
                    NDArray xs = x.duplicate();
                    xs.attach(scope);
                    NDArray ys = y.duplicate();
                    ys.attach(scope);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = net.forward(ps, new NDList(xs), true).singletonOrThrow();
                        NDArray l = loss.evaluate(new NDList(ys), new NDList(logits));
                        gc.backward(l);
                        last = l.getFloat();
                    }
                    ps.updateAllParameters();
                }
                if (step == 0) {
                    first = last;
                    arrays = root.getManagedArrays().size(); // + momentum buffers
                }
            }
            assertThat(last).isLessThan(first * 0.5f);
            assertThat(root.getManagedArrays()).hasSize(arrays);
        }
    }
}
