package dev.tailbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import dev.tailbench.api.Mixups;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CifarResNetMixingTest {

    private static List<String> points() {
        return CifarResNet.MIXING_POINTS;
    }

    /** ResNet-14 (two blocks a stage), so that a point's position depends on the blocks per stage. */
    private static CifarResNet resnet14(NDManager manager) {
        CifarResNet net = CifarResNet.builder().setDepth(14).setNumClasses(3).optInputChannels(1).build();
        net.initialize(manager, DataType.FLOAT32, new Shape(4, 1, 8, 8));
        return net;
    }

    @ParameterizedTest
    @MethodSource("points")
    void identityAtAnyPointGivesTheNormalLogits(String point) {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = resnet14(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(4, 1, 8, 8));
            for (boolean training : new boolean[] {false, true}) {
                float[] plain = net.forward(ps, new NDList(x), training).singletonOrThrow().toFloatArray();
                float[] mixing = net.forwardMixing(ps, x, training, point, h -> h).singletonOrThrow().toFloatArray();
                assertThat(mixing).as("training %s", training).containsExactly(plain);
            }
        }
    }

    /**
     * The function sees the state after the named part: stem = conv-BN-ReLU (3 children of
     * features()), layer k = the stem plus k stages of 2 blocks, pool = the pooled feature maps.
     */
    @Test
    void eachPointSeesTheStateAfterItsPart() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = resnet14(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(4, 1, 8, 8));
            List<Block> children = net.features().getChildren().values();
            assertThat(children).hasSize(3 + 3 * 2);
            int[] childrenBefore = {3, 5, 7, 9};
            Shape[] shapes = {new Shape(4, 16, 8, 8), new Shape(4, 16, 8, 8), new Shape(4, 32, 4, 4), new Shape(4, 64, 2, 2)};
            for (int p = 0; p < 4; p++) {
                // the features block lays its input out channels-last before its children
                NDList expected = new NDList(ChannelsLast.layOut(x));
                for (int c = 0; c < childrenBefore[p]; c++) {
                    expected = children.get(c).forward(ps, expected, false);
                }
                NDArray seen = stateAt(net, ps, x, CifarResNet.MIXING_POINTS.get(p));
                assertThat(seen.getShape()).isEqualTo(shapes[p]);
                assertThat(seen.toFloatArray()).containsExactly(expected.singletonOrThrow().toFloatArray());
            }
            NDArray pooled = CifarResNet.globalAveragePool(net.features().forward(ps, new NDList(x), false).head());
            NDArray seen = stateAt(net, ps, x, "pool");
            assertThat(seen.getShape()).isEqualTo(new Shape(4, 64));
            assertThat(seen.toFloatArray()).containsExactly(pooled.toFloatArray());
        }
    }

    /** The hidden state a backbone's forward pass reaches at a mixing point (evaluation mode). */
    static NDArray stateAt(Backbone net, ParameterStore ps, NDArray x, String point) {
        AtomicReference<NDArray> seen = new AtomicReference<>();
        net.forwardMixing(ps, x, false, point, h -> {
            seen.set(h);
            return h;
        });
        return seen.get();
    }

    /**
     * Zeroing the state at layer2 makes every sample's logits the same: in inference mode the
     * rest of the network maps the zero state to one fixed output whatever the input was.
     */
    @Test
    void theReplacedStateIsWhatTheRestOfTheNetworkSees() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = resnet14(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(4, 1, 8, 8));
            NDArray logits = net.forwardMixing(ps, x, false, "layer2", NDArray::zerosLike).singletonOrThrow();
            for (int i = 1; i < 4; i++) {
                assertThat(logits.get(i).toFloatArray()).containsExactly(logits.get(0).toFloatArray());
            }
            NDArray plain = net.forward(ps, new NDList(x), false).singletonOrThrow();
            assertThat(plain.get(1).toFloatArray()).isNotEqualTo(plain.get(0).toFloatArray());
        }
    }

    @Test
    void unknownPointIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = resnet14(manager);
            NDArray x = manager.zeros(new Shape(1, 1, 8, 8));
            assertThatThrownBy(() -> net.forwardMixing(new ParameterStore(manager, false), x, false, "fc", h -> h))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fc")
                    .hasMessageContaining("stem, layer1, layer2, layer3, pool");
        }
    }

    @Test
    void pointsAreTheLayersManifoldMixupAccepts() {
        assertThat(new HashSet<>(CifarResNet.MIXING_POINTS)).isEqualTo(Mixups.MANIFOLD_LAYERS);
    }
}
