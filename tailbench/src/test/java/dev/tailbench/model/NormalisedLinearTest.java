package dev.tailbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.api.Test;

class NormalisedLinearTest {

    private static float[] forward(NDManager manager, float[] weight, float[] inputs, Shape inputShape) {
        NormalisedLinear head = new NormalisedLinear(3);
        head.initialize(manager, DataType.FLOAT32, inputShape);
        head.getParameters().get("weight").getArray().set(weight);
        NDArray x = manager.create(inputs, inputShape);
        return head.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow().toFloatArray();
    }

    @Test
    void outputsTheCosineOfEachInputWithEachClassWeight() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // W rows (1,0,0), (0,2,0), (1,1,1) normalise to (1,0,0), (0,1,0), (1,1,1)/sqrt 3;
            // x rows (3,4,0), (0,0,2) to (0.6,0.8,0), (0,0,1).
            // cosines: row 0: 0.6, 0.8, (0.6 + 0.8)/sqrt 3 = 0.808290; row 1: 0, 0, 1/sqrt 3 = 0.577350.
            float[] logits = forward(manager, new float[] {1, 0, 0, 0, 2, 0, 1, 1, 1},
                    new float[] {3, 4, 0, 0, 0, 2}, new Shape(2, 3));
            double root3 = Math.sqrt(3);
            double[] expected = {0.6, 0.8, 1.4 / root3, 0, 0, 1 / root3};
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) logits[i]).as("logit %d", i).isCloseTo(expected[i], within(1e-6));
            }
        }
    }

    @Test
    void ignoresTheScaleOfInputsAndWeightsAndMapsAZeroInputToZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] weight = {1, -2, 0.5f, 3, 1, -1, 0, 0.25f, 2};
            float[] scaledWeight = new float[weight.length];
            for (int i = 0; i < weight.length; i++) {
                scaledWeight[i] = 7 * weight[i];
            }
            float[] logits = forward(manager, weight, new float[] {1, 2, 3, 0, 0, 0}, new Shape(2, 3));
            float[] scaled = forward(manager, scaledWeight, new float[] {0.5f, 1, 1.5f, 0, 0, 0}, new Shape(2, 3));
            for (int i = 0; i < logits.length; i++) {
                assertThat(scaled[i]).isCloseTo(logits[i], within(1e-6f));
            }
            // F.normalize divides by max(|x|, 1e-12): a zero row stays zero, no NaN.
            assertThat(new float[] {logits[3], logits[4], logits[5]}).containsExactly(0, 0, 0);
        }
    }

    @Test
    void initialWeightHasUnitColumnsAsTheReferenceRenorm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = new UnitColumnInitializer().initialize(manager, new Shape(10, 64), DataType.FLOAT32);
            float[] values = w.toFloatArray();
            for (int j = 0; j < 64; j++) {
                double squares = 0;
                for (int c = 0; c < 10; c++) {
                    squares += values[c * 64 + j] * values[c * 64 + j];
                }
                assertThat(squares).as("column %d", j).isCloseTo(1, within(1e-5));
            }
            // and the draws differ (not a constant matrix)
            assertThat(values[0]).isNotEqualTo(values[1]);
        }
    }

    @Test
    void resnet32WithTheNormalisedHeadHasNoBias() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 464,154 with the Linear head, less its 10 biases.
            Block net = Backbones.create("resnet32", 3, 10, true);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            assertThat(Backbones.trainableParameterCount(net)).isEqualTo(464_144L);
            CifarResNet resNet = (CifarResNet) net;
            assertThat(resNet.classifier()).isInstanceOf(NormalisedLinear.class);
            assertThat(((CifarResNet) Backbones.create("resnet32", 3, 10)).classifier()).isInstanceOf(Linear.class);
        }
    }

    @Test
    void networkHeadKeepsItsOwnInitialisationAndOutputsCosines() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = CifarResNet.builder().setDepth(8).setNumClasses(4).optInputChannels(1)
                    .optNormalisedClassifier(true).build();
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 12, 12));
            // Unit columns (not Kaiming's N(0, 2/64) rows): the reference FCNorm initialisation.
            float[] w = net.classifier().getParameters().get("weight").getArray().toFloatArray();
            for (int j = 0; j < 64; j++) {
                double squares = 0;
                for (int c = 0; c < 4; c++) {
                    squares += w[c * 64 + j] * w[c * 64 + j];
                }
                assertThat(squares).isCloseTo(1, within(1e-5));
            }
            NDArray x = manager.randomNormal(new Shape(2, 1, 12, 12));
            float[] logits = net.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
            assertThat(logits).hasSize(8);
            for (float logit : logits) {
                assertThat(logit).isBetween(-1.000001f, 1.000001f);
            }
        }
    }
}
