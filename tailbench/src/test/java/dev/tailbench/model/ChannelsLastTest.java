package dev.tailbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.MemoryLayout;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class ChannelsLastTest {

    @Test
    void layingOutKeepsShapeAndValuesAndChangesOnlyTheMemoryOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray plain = m.arange(2 * 3 * 4 * 5).toType(DataType.FLOAT32, false).reshape(2, 3, 4, 5);
            NDArray laidOut = ChannelsLast.layOut(plain);
            assertThat(laidOut.getShape()).isEqualTo(plain.getShape());
            assertThat(laidOut.toFloatArray()).containsExactly(plain.toFloatArray());
            assertThat(MemoryLayout.isContiguous(plain)).isTrue();
            assertThat(MemoryLayout.isContiguous(laidOut)).isFalse();
            // element (n, c, h, w) read through a channels-last view of the same values
            assertThat(laidOut.get(1, 2, 3, 4).getFloat()).isEqualTo(plain.get(1, 2, 3, 4).getFloat());
            assertThat(ChannelsLast.layOut(m.ones(new Shape(2, 3)))).extracting(NDArray::getShape)
                    .isEqualTo(new Shape(2, 3));
        }
    }

    @Test
    void theFeatureMapsAreChannelsLastAndTheParametersAndGradientsPlain() {
        try (NDManager m = NDManager.newBaseManager()) {
            CifarResNet net = (CifarResNet) Backbones.create("resnet8", 3, 10);
            net.initialize(m, DataType.FLOAT32, new Shape(2, 3, 32, 32));
            List<NDArray> convolutions = net.features().getParameters().stream().map(Pair::getValue)
                    .map(Parameter::getArray).filter(a -> a.getShape().dimension() == 4).toList();
            convolutions.forEach(w -> w.setRequiresGradient(true));
            ParameterStore ps = new ParameterStore(m, false);
            int arrays = m.getManagedArrays().size();
            try (NDManager scope = m.newSubManager()) {
                try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                    NDArray maps = net.features().forward(ps, new NDList(scope.randomNormal(new Shape(2, 3, 32, 32))),
                            true).singletonOrThrow();
                    assertThat(maps.getShape()).isEqualTo(new Shape(2, 64, 8, 8));
                    assertThat(MemoryLayout.isContiguous(maps)).as("feature maps channels-last").isFalse();
                    collector.backward(maps.sum());
                }
            }
            // Plain parameters and gradients: reading them (a checkpoint does) leaves no copy behind.
            assertThat(convolutions).hasSize(7).allSatisfy(w -> {
                assertThat(MemoryLayout.isContiguous(w)).isTrue();
                try (NDArray gradient = w.getGradient()) {
                    assertThat(MemoryLayout.isContiguous(gradient)).isTrue();
                }
                assertThat(w.toFloatArray()).hasSize((int) w.size());
            });
            assertThat(m.getManagedArrays()).hasSize(arrays);
        }
    }

    /**
     * The same network in the plain layout (its children run on the plain input) gives the same
     * logits up to float noise, on one channel and on three, in training and in inference mode;
     * a copy loaded from the saved parameters gives them too.
     */
    @Test
    void theLayoutChangesNoResultBeyondFloatNoise() throws Exception {
        for (int channels : new int[] {1, 3}) {
            try (NDManager m = NDManager.newBaseManager()) {
                m.getEngine().setRandomSeed(11);
                int size = channels == 1 ? 28 : 32;
                CifarResNet laidOut = (CifarResNet) Backbones.create("resnet8", channels, 10);
                laidOut.initialize(m, DataType.FLOAT32, new Shape(4, channels, size, size));
                CifarResNet plain = (CifarResNet) Backbones.create("resnet8", channels, 10);
                plain.initialize(m, DataType.FLOAT32, new Shape(4, channels, size, size));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                laidOut.saveParameters(new DataOutputStream(bytes));
                plain.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
                ParameterStore ps = new ParameterStore(m, false);
                for (boolean training : new boolean[] {false, true}) {
                    try (NDManager scope = m.newSubManager()) {
                        NDArray x = scope.randomNormal(new Shape(4, channels, size, size));
                        float[] expected = plainForward(plain, ps, x, training);
                        // the features block lays out its input even when the weights are plain
                        assertThat(MemoryLayout.isContiguous(plain.features().forward(ps, new NDList(x), training)
                                .singletonOrThrow())).isFalse();
                        float[] actual = laidOut.forward(ps, new NDList(x), training).singletonOrThrow().toFloatArray();
                        assertThat(actual).hasSize(40);
                        for (int i = 0; i < actual.length; i++) {
                            assertThat(actual[i]).as("logit %d, %d channels, training %s", i, channels, training)
                                    .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-4f));
                        }
                    }
                }
            }
        }
    }

    private static float[] plainForward(CifarResNet net, ParameterStore ps, NDArray x, boolean training) {
        NDList state = new NDList(x);
        for (Block child : net.features().getChildren().values()) {
            state = child.forward(ps, state, training);
        }
        assertThat(MemoryLayout.isContiguous(state.singletonOrThrow())).as("reference in the plain layout").isTrue();
        NDArray pooled = CifarResNet.globalAveragePool(state.singletonOrThrow());
        return net.classifier().forward(ps, new NDList(pooled), training).singletonOrThrow().toFloatArray();
    }
}
