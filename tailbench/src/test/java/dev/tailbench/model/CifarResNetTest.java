package dev.tailbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class CifarResNetTest {

    @Test
    void resnet32WithTenClassesHasThePublishedParameterCount() {
        // He et al. 2016 table 6 quotes 0.46M; the exact figure for the option-A network is
        // stem 432 + 32 (BN) + stage1 5*(2*2304 + 64) + stage2 (4608 + 9216 + 128) + 4*(2*9216 + 128)
        // + stage3 (18432 + 36864 + 256) + 4*(2*36864 + 256) + fc 64*10 + 10 = 464,154.
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = Backbones.create("resnet32", 3, 10);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            assertThat(Backbones.trainableParameterCount(net)).isEqualTo(464_154L);
        }
    }

    /**
     * The head starts as PyTorch's nn.Linear (BagofTricks-LT builds it outside the backbone, so its
     * Kaiming initialisation never reaches it): weight and bias uniform in +-1/sqrt(64); before, the
     * weight was Kaiming-normal (sd 0.177, beyond 0.125 for a third of the entries) and the bias zero.
     * The convolutions stay Kaiming-normal (fan-in).
     */
    @Test
    void headIsInitialisedAsNnLinearAndConvolutionsAsKaimingNormal() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            CifarResNet net = (CifarResNet) Backbones.create("resnet32", 3, 100);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            float[] weight = net.classifier().getParameters().get("weight").getArray().toFloatArray();
            float[] bias = net.classifier().getParameters().get("bias").getArray().toFloatArray();
            for (float[] values : new float[][] {weight, bias}) {
                double max = 0;
                double sumSquares = 0;
                for (float v : values) {
                    max = Math.max(max, Math.abs(v));
                    sumSquares += v * v;
                }
                assertThat(max).isLessThanOrEqualTo(0.125);
                // U(-b, b) has sd b / sqrt 3 = 0.0722
                assertThat(Math.sqrt(sumSquares / values.length)).isCloseTo(0.0722, org.assertj.core.api.Assertions.within(0.008));
            }
            // the first convolution: 16 x 3 x 3 x 3, N(0, 2 / 27): sd 0.272
            float[] conv = net.features().getChildren().get(0).getValue().getParameters().get("weight").getArray()
                    .toFloatArray();
            double sumSquares = 0;
            for (float v : conv) {
                sumSquares += v * v;
            }
            assertThat(Math.sqrt(sumSquares / conv.length)).isCloseTo(0.272, org.assertj.core.api.Assertions.within(0.04));
        }
    }

    /**
     * Each block closes its intermediates once the next layer has used them, as PyTorch frees a
     * temporary: a training forward pass of ResNet-32 (about 150 intermediate arrays) leaves only a
     * handful in its scope, and backward still reaches every weight.
     */
    @Test
    void aForwardPassLeavesOnlyAHandfulOfArraysInItsScope() {
        try (NDManager m = NDManager.newBaseManager()) {
            CifarResNet net = (CifarResNet) Backbones.create("resnet32", 3, 10);
            net.initialize(m, DataType.FLOAT32, new Shape(2, 3, 32, 32));
            net.getParameters().values().forEach(p -> p.getArray().setRequiresGradient(p.requiresGradient()));
            ParameterStore ps = new ParameterStore(m, false);
            try (NDManager scope = m.newSubManager()) {
                NDArray x = scope.randomNormal(new Shape(2, 3, 32, 32));
                try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                    NDArray logits = net.forward(ps, new NDList(x), true).singletonOrThrow();
                    assertThat(scope.getManagedArrays()).as("arrays left in the batch's scope").hasSizeLessThan(10);
                    collector.backward(logits.sum());
                }
                NDArray firstConvolution = net.features().getChildren().get(0).getValue().getParameters()
                        .get("weight").getArray();
                try (NDArray gradient = firstConvolution.getGradient()) {
                    assertThat(gradient.abs().sum().getFloat()).isPositive();
                }
            }
        }
    }

    @Test
    void outputShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
            CifarResNet r32 = (CifarResNet) Backbones.create("resnet32", 3, 10);
            r32.initialize(m, DataType.FLOAT32, new Shape(2, 3, 32, 32));
            CifarResNet r8 = (CifarResNet) Backbones.create("resnet8", 1, 7);
            r8.initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            ParameterStore ps = new ParameterStore(m, false);
            try (NDManager scope = m.newSubManager()) {
                NDArray x = scope.randomNormal(new Shape(2, 3, 32, 32));
                assertThat(r32.forward(ps, new NDList(x), false).head().getShape())
                        .isEqualTo(new Shape(2, 10));
                assertThat(r32.features().forward(ps, new NDList(x), false).head().getShape())
                        .isEqualTo(new Shape(2, 64, 8, 8));
                NDArray g = scope.randomNormal(new Shape(2, 1, 28, 28));
                assertThat(r8.forward(ps, new NDList(g), true).head().getShape())
                        .isEqualTo(new Shape(2, 7));
                assertThat(r8.features().forward(ps, new NDList(g), false).head().getShape())
                        .isEqualTo(new Shape(2, 64, 7, 7));
            }
            assertThat(r32.getOutputShapes(new Shape[] {new Shape(5, 3, 32, 32)})[0])
                    .isEqualTo(new Shape(5, 10));
        }
    }

    @Test
    void forwardIsClassifierOfPooledFeatures() {
        try (NDManager m = NDManager.newBaseManager()) {
            CifarResNet net = (CifarResNet) Backbones.create("resnet20", 3, 5);
            net.initialize(m, DataType.FLOAT32, new Shape(3, 3, 32, 32));
            ParameterStore ps = new ParameterStore(m, false);
            try (NDManager scope = m.newSubManager()) {
                NDArray x = scope.randomNormal(new Shape(3, 3, 32, 32));
                NDArray logits = net.forward(ps, new NDList(x), false).head();
                NDArray maps = net.features().forward(ps, new NDList(x), false).head();
                NDArray pooled = CifarResNet.globalAveragePool(maps);
                NDArray viaParts = net.classifier().forward(ps, new NDList(pooled), false).head();
                assertThat(viaParts.allClose(logits, 1e-5, 1e-6, false)).isTrue();
                // and the pooling really is the spatial mean
                float manual = 0;
                for (int i = 0; i < 8; i++) {
                    for (int j = 0; j < 8; j++) {
                        manual += maps.getFloat(1, 3, i, j);
                    }
                }
                assertThat(pooled.getFloat(1, 3)).isCloseTo(manual / 64, org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void childrenAreFeaturesAndClassifier() {
        CifarResNet net = CifarResNet.builder().setDepth(8).setNumClasses(2).build();
        assertThat(net.getChildren().keys()).hasSize(2);
        assertThat(net.getChildren().keys().get(0)).contains("features");
        assertThat(net.getChildren().keys().get(1)).contains("classifier");
        assertThat(net.getChildren().values().get(0)).isSameAs(net.features());
        assertThat(net.getChildren().values().get(1)).isSameAs(net.classifier());
    }

    @Test
    void optionAShortcutSubsamplesAndPadsChannels() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 1 x 2 x 4 x 4, value = 100*c + 10*h + w
            float[] v = new float[2 * 4 * 4];
            for (int c = 0; c < 2; c++) {
                for (int h = 0; h < 4; h++) {
                    for (int w = 0; w < 4; w++) {
                        v[c * 16 + h * 4 + w] = 100 * c + 10 * h + w;
                    }
                }
            }
            NDArray x = m.create(v, new Shape(1, 2, 4, 4));
            NDArray y = BasicBlock.optionAShortcut(x, 1);
            assertThat(y.getShape()).isEqualTo(new Shape(1, 4, 2, 2));
            float[] expected = {
                0, 0, 0, 0, // zero channel before
                0, 2, 20, 22, // channel 0 at rows/cols 0 and 2
                100, 102, 120, 122, // channel 1
                0, 0, 0, 0 // zero channel after
            };
            assertThat(y.toFloatArray()).containsExactly(expected);
        }
    }

    @Test
    void depthMustBeSixNPlusTwo() {
        assertThatThrownBy(() -> CifarResNet.builder().setDepth(30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("30");
        assertThatThrownBy(() -> CifarResNet.builder().setDepth(2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CifarResNet.builder().setDepth(32).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void registry() {
        assertThat(Backbones.names()).containsExactly("resnet32", "resnet20", "resnet8", "resnet10", "resnet50",
                "resnext50_32x4d");
        assertThat(Backbones.exists("resnet8")).isTrue();
        assertThat(Backbones.exists("resnet18")).isFalse();
        assertThatThrownBy(() -> Backbones.create("resnet18", 3, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resnet18")
                .hasMessageContaining("resnet32, resnet20, resnet8, resnet10, resnet50, resnext50_32x4d");
        assertThat(Backbones.create("resnet50", 3, 10)).isInstanceOf(ImageNetResNet.class);
        assertThat(((CifarResNet) Backbones.create("resnet20", 1, 4)).getDepth()).isEqualTo(20);
    }

    @Test
    void countRejectsUninitialisedBlock() {
        assertThatThrownBy(() -> Backbones.trainableParameterCount(Backbones.create("resnet8", 3, 2)))
                .isInstanceOf(IllegalStateException.class);
    }
}
