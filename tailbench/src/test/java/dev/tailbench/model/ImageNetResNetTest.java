package dev.tailbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import dev.tailbench.spec.BackboneDepths;

/** The ImageNet ResNets of the large benchmarks: sizes as published, pieces, mixing, gradients. */
class ImageNetResNetTest {

    /**
     * Trainable parameters with 3 input channels. ResNet-50 and ResNeXt-50 (32x4d) with 1,000
     * classes are torchvision's published counts. ResNet-10 by hand: stem conv 64*3*7*7 = 9,408 +
     * BN 128; stage 1 two 3x3 convs 2*36,864 + 2 BN 256 = 73,984; stage 2 73,728 + 147,456 + 512 +
     * projection 8,192 + 256 = 230,144; stage 3 294,912 + 589,824 + 1,024 + 32,768 + 512 = 919,040;
     * stage 4 1,179,648 + 2,359,296 + 2,048 + 131,072 + 1,024 = 3,673,088; classifier 512*1000 +
     * 1000 = 513,000: 5,418,792. iNaturalist 2018's 8,142 classes on ResNet-50: 25,557,032 -
     * 2,049,000 + 2048*8,142 + 8,142 = 40,190,990.
     */
    @ParameterizedTest(name = "{0} with {1} classes")
    @CsvSource({
        "resnet10,        1000,  5418792",
        "resnet50,        1000, 25557032",
        "resnext50_32x4d, 1000, 25028904",
        "resnet50,        8142, 40190990",
    })
    void parameterCountsAreThePublishedOnes(String name, int classes, long expected) {
        try (NDManager m = NDManager.newBaseManager()) {
            Backbone net = Backbones.create(name, 3, classes);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));

            assertThat(Backbones.trainableParameterCount(net)).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"resnet10, 512", "resnet50, 2048", "resnext50_32x4d, 2048"})
    void theForwardPassIsTheClassifierOfThePooledFeaturesAndMixingWithTheIdentityChangesNothing(String name,
            int featureChannels) {
        try (NDManager m = NDManager.newBaseManager()) {
            Backbone net = Backbones.create(name, 3, 7);
            net.initialize(m, DataType.FLOAT32, new Shape(2, 3, 64, 64));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 3, 64, 64));

            // Evaluation mode: BN uses its running statistics, so repeated passes agree exactly.
            NDArray logits = net.forward(ps, new NDList(x), false).singletonOrThrow();
            NDArray maps = net.features().forward(ps, new NDList(x), false).singletonOrThrow();
            NDArray pieces = net.classifier().forward(ps, new NDList(net.pool(maps)), false).singletonOrThrow();

            assertThat(logits.getShape()).isEqualTo(new Shape(2, 7));
            assertThat(maps.getShape()).isEqualTo(new Shape(2, featureChannels, 2, 2));
            assertThat(net.getFeatureChannels()).isEqualTo(featureChannels);
            assertThat(net.mixingPoints()).containsExactly("stem", "layer1", "layer2", "layer3", "layer4", "pool");
            assertClose(pieces, logits);
            for (String point : net.mixingPoints()) {
                assertClose(net.forwardMixing(ps, x, false, point, UnaryOperator.identity()).singletonOrThrow(), logits);
            }
            // Zeroing the state at the pool leaves only the classifier's bias.
            NDArray biasOnly = net.forwardMixing(ps, x, false, "pool", NDArray::zerosLike).singletonOrThrow();
            NDArray bias = net.classifier().getParameters().get("bias").getArray();
            assertClose(biasOnly.get(0), bias);
        }
    }

    /**
     * Every unit kind (basic with projections, bottleneck, grouped bottleneck) passes gradients to
     * all its weights, and closes its intermediates: without that a forward pass leaves dozens of
     * arrays in the batch's scope (ResNet-50 alone has 16 units of 8 or more steps each).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"resnet10", "resnet50", "resnext50_32x4d"})
    void aTrainingStepReachesEveryTrainableParameterAndLeavesFewArraysInItsScope(String name) {
        try (NDManager m = NDManager.newBaseManager()) {
            Backbone net = Backbones.create(name, 3, 5);
            net.initialize(m, DataType.FLOAT32, new Shape(2, 3, 64, 64));
            net.getParameters().values().forEach(p -> p.getArray().setRequiresGradient(p.requiresGradient()));
            ParameterStore ps = new ParameterStore(m, false);
            try (NDManager scope = m.newSubManager()) {
                NDArray x = scope.randomNormal(new Shape(2, 3, 64, 64));
                try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                    NDArray logits = net.forward(ps, new NDList(x), true).singletonOrThrow();
                    assertThat(scope.getManagedArrays()).as("arrays left in the batch's scope").hasSizeLessThan(10);
                    collector.backward(logits.sum());
                }
                int trainable = 0;
                for (Parameter p : net.getParameters().values()) {
                    if (p.requiresGradient()) {
                        trainable++;
                        try (NDArray gradient = p.getArray().getGradient()) {
                            assertThat(gradient.abs().sum().getFloat()).as(p.getName()).isPositive();
                        }
                    }
                }
                assertThat(trainable).as("trainable parameters checked").isGreaterThan(30);
            }
        }
    }

    /**
     * The function sees the state after the named part: stem = conv, BN, ReLU, max pool (the
     * first 4 children of features()), layer k = the stem plus the units of k stages (3, 4, 6 and
     * 3 for ResNet-50, so a point misplaced by one unit changes the channels or the values),
     * pool = the pooled feature maps; replacing it changes what the rest of the network sees.
     */
    @Test
    void eachMixingPointSeesTheStateAfterItsPart() {
        try (NDManager m = NDManager.newBaseManager()) {
            Backbone net = Backbones.create("resnet50", 3, 7);
            net.initialize(m, DataType.FLOAT32, new Shape(2, 3, 64, 64));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 3, 64, 64));
            List<Block> children = net.features().getChildren().values();
            assertThat(children).hasSize(4 + 3 + 4 + 6 + 3);
            int[] childrenBefore = {4, 7, 11, 17, 20};
            Shape[] shapes = {new Shape(2, 64, 16, 16), new Shape(2, 256, 16, 16), new Shape(2, 512, 8, 8),
                new Shape(2, 1024, 4, 4), new Shape(2, 2048, 2, 2)};
            for (int p = 0; p < childrenBefore.length; p++) {
                // The features block lays its input out channels-last before its children.
                NDList expected = new NDList(ChannelsLast.layOut(x));
                for (int c = 0; c < childrenBefore[p]; c++) {
                    expected = children.get(c).forward(ps, expected, false);
                }
                String point = net.mixingPoints().get(p);
                NDArray seen = CifarResNetMixingTest.stateAt(net, ps, x, point);
                assertThat(seen.getShape()).as(point).isEqualTo(shapes[p]);
                assertThat(seen.sub(expected.singletonOrThrow()).abs().max().getFloat()).as(point).isZero();
            }
            NDArray pooled = net.pool(net.features().forward(ps, new NDList(x), false).singletonOrThrow());
            NDArray seen = CifarResNetMixingTest.stateAt(net, ps, x, "pool");
            assertThat(seen.getShape()).isEqualTo(new Shape(2, 2048));
            assertThat(seen.sub(pooled).abs().max().getFloat()).isZero();

            // Zeroing the state after layer3 maps both samples to the same logits in evaluation mode.
            NDArray zeroed = net.forwardMixing(ps, x, false, "layer3", NDArray::zerosLike).singletonOrThrow();
            assertThat(zeroed.get(1).toFloatArray()).containsExactly(zeroed.get(0).toFloatArray());
            NDArray plain = net.forward(ps, new NDList(x), false).singletonOrThrow();
            assertThat(plain.get(1).toFloatArray()).isNotEqualTo(plain.get(0).toFloatArray());
            assertThatThrownBy(() -> net.forwardMixing(ps, x, false, "fc", UnaryOperator.identity()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("stem, layer1, layer2, layer3, layer4, pool");
        }
    }

    /** LDAM's cosine head on an ImageNet backbone: no bias, so 512 x 10 weights in place of 5,130. */
    @Test
    void theNormalisedClassifierReplacesTheLinearHead() {
        try (NDManager m = NDManager.newBaseManager()) {
            Backbone net = Backbones.create("resnet10", 3, 10, true);
            net.initialize(m, DataType.FLOAT32, new Shape(2, 3, 64, 64));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray logits = net.forward(ps, new NDList(m.randomNormal(new Shape(2, 3, 64, 64))), false)
                    .singletonOrThrow();

            assertThat(net.classifier()).isInstanceOf(NormalisedLinear.class);
            // 5,418,792 with 1,000 classes, less that head's 513,000, plus 512 x 10.
            assertThat(Backbones.trainableParameterCount(net)).isEqualTo(5_418_792L - 513_000L + 5_120L);
            assertThat(logits.getShape()).isEqualTo(new Shape(2, 10));
            // Cosines, so bounded by 1.
            assertThat(logits.abs().max().getFloat()).isLessThanOrEqualTo(1.0001f);
            // The head starts with unit columns, as FCNorm does, not with the convolutions' Kaiming draws.
            NDArray weight = net.classifier().getParameters().get("weight").getArray();
            assertThat(weight.getShape()).isEqualTo(new Shape(10, 512));
            for (float squares : weight.pow(2).sum(new int[] {0}).toFloatArray()) {
                assertThat(squares).isCloseTo(1f, within(1e-4f));
            }
        }
    }

    @Test
    void convolutionsStartKaimingNormalWithFanOut() {
        try (NDManager m = NDManager.newBaseManager()) {
            Backbone net = Backbones.create("resnet10", 3, 5);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            // The last stage's second 3x3 convolution: 512 * 512 * 9 weights, fan_out = 512 * 9.
            var parameters = net.features().getChildren().get(7).getValue().getParameters();
            assertThat(parameters.keys()).as("parameters of the last unit").contains("03conv2_weight");
            NDArray weight = parameters.get("03conv2_weight").getArray();
            double std = Math.sqrt(weight.pow(2).mean().getFloat());

            assertThat(std).isCloseTo(Math.sqrt(2.0 / (512 * 9)), within(0.002));
        }
    }

    @Test
    void discoveryKnowsTheNamesAndAnUnknownOneIsRefusedListingThem() {
        assertThat(BackboneDepths.names()).contains("resnet32", "resnet10", "resnet50", "resnext50_32x4d");
        assertThat(BackboneDepths.isKnown("resnet50")).isTrue();
        assertThat(BackboneDepths.depth("resnet50")).isEmpty();
        assertThatThrownBy(() -> Backbones.create("resnet18", 3, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resnet10, resnet50, resnext50_32x4d");
    }

    private static void assertClose(NDArray actual, NDArray expected) {
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("value %d", i).isCloseTo(e[i], within(1e-4f));
        }
    }
}
