package dev.tailbench.tricks.mixup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import dev.tailbench.model.CifarResNet;
import dev.tailbench.tricks.loss.CrossEntropyLoss;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each objective against the same computation done by hand: the draw repeated from the same
 * seed, the mixing and the cross-entropies in plain Java double arithmetic, only the network's
 * layers run on NDArrays.
 */
class BatchObjectivesTest {

    private static final int N = 6;
    private static final int CLASSES = 3;
    private static final int PIXELS = 8 * 8;
    private static final long[] LABELS = {0, 1, 2, 0, 1, 2};
    private static final Shape IMAGE_SHAPE = new Shape(N, 1, 8, 8);
    private static final double TOLERANCE = 1e-5;

    private NDManager manager;
    private ParameterStore parameters;
    private float[] pixels;
    private NDArray images;
    private NDArray labels;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        parameters = new ParameterStore(manager, false);
        SplittableRandom random = new SplittableRandom(99);
        pixels = new float[N * PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextGaussian();
        }
        images = manager.create(pixels, IMAGE_SHAPE);
        labels = manager.create(LABELS);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private CifarResNet network() {
        CifarResNet net = CifarResNet.builder().setDepth(8).setNumClasses(CLASSES).optInputChannels(1).build();
        net.initialize(manager, DataType.FLOAT32, IMAGE_SHAPE);
        return net;
    }

    @Test
    void noMixupIsTheLossOfThePlainForwardPass() {
        CifarResNet net = network();
        double loss = new NoMixup().loss(net, parameters, images, labels, new CrossEntropyLoss(), new SplittableRandom(1))
                .getFloat();
        float[] logits = net.forward(parameters, new NDList(images), true).singletonOrThrow().toFloatArray();
        assertThat(loss).isCloseTo(mean(crossEntropies(logits, LABELS)), within(TOLERANCE));
    }

    @Test
    void inputMixupIsTheLambdaMixOfBothLabelsLossesOnMixedImages() {
        CifarResNet net = network();
        double loss = new InputMixup(1.0).loss(net, parameters, images, labels, new CrossEntropyLoss(), new SplittableRandom(7))
                .getFloat();

        MixDraw draw = meaningful(MixDraw.draw(1.0, N, new SplittableRandom(7)));
        float[] mixed = mixRows(pixels, PIXELS, draw);
        float[] logits = net.forward(parameters, new NDList(manager.create(mixed, IMAGE_SHAPE)), true)
                .singletonOrThrow().toFloatArray();
        double expected = draw.lambda() * mean(crossEntropies(logits, LABELS))
                + (1 - draw.lambda()) * mean(crossEntropies(logits, partners(LABELS, draw)));
        assertThat(loss).isCloseTo(expected, within(TOLERANCE));
    }

    /** The reference code's default point: the pooled features are mixed, then classified. */
    @Test
    void manifoldMixupAtPoolClassifiesTheMixOfPooledFeatures() {
        CifarResNet net = network();
        double loss = new ManifoldMixup(1.0, "pool")
                .loss(net, parameters, images, labels, new CrossEntropyLoss(), new SplittableRandom(8)).getFloat();

        MixDraw draw = meaningful(MixDraw.draw(1.0, N, new SplittableRandom(8)));
        NDArray maps = net.features().forward(parameters, new NDList(images), true).singletonOrThrow();
        float[] pooled = CifarResNet.globalAveragePool(maps).toFloatArray();
        int channels = pooled.length / N;
        NDArray mixedFeatures = manager.create(mixRows(pooled, channels, draw), new Shape(N, channels));
        float[] logits = net.classifier().forward(parameters, new NDList(mixedFeatures), true).singletonOrThrow()
                .toFloatArray();
        double expected = draw.lambda() * mean(crossEntropies(logits, LABELS))
                + (1 - draw.lambda()) * mean(crossEntropies(logits, partners(LABELS, draw)));
        assertThat(loss).isCloseTo(expected, within(TOLERANCE));
    }

    /** At every point the objective mixes the state there: compared with a mix done in Java at that point. */
    @ParameterizedTest
    @ValueSource(strings = {"stem", "layer1", "layer2", "layer3", "pool"})
    void manifoldMixupMixesTheStateAtItsLayer(String layer) {
        CifarResNet net = network();
        double loss = new ManifoldMixup(0.5, layer)
                .loss(net, parameters, images, labels, new CrossEntropyLoss(), new SplittableRandom(9)).getFloat();

        MixDraw draw = meaningful(MixDraw.draw(0.5, N, new SplittableRandom(9)));
        float[] logits = net.forwardMixing(parameters, images, true, layer, hidden -> {
            float[] state = hidden.toFloatArray();
            return manager.create(mixRows(state, state.length / N, draw), hidden.getShape());
        }).singletonOrThrow().toFloatArray();
        double expected = draw.lambda() * mean(crossEntropies(logits, LABELS))
                + (1 - draw.lambda()) * mean(crossEntropies(logits, partners(LABELS, draw)));
        assertThat(loss).isCloseTo(expected, within(TOLERANCE));
    }

    /**
     * Class sizes 50, 10, 2 with kappa 3: every pair of different classes is imbalanced, so
     * whichever of lambda or 1 - lambda is below tau 0.5, some samples' weights leave lambda.
     */
    @Test
    void remixMixesEachSamplesLossesWithItsOwnLabelWeight() {
        int[] counts = {50, 10, 2};
        CifarResNet net = network();
        double loss = new Remix(1.0, 3, 0.5, counts)
                .loss(net, parameters, images, labels, new CrossEntropyLoss(), new SplittableRandom(12)).getFloat();

        MixDraw draw = meaningful(MixDraw.draw(1.0, N, new SplittableRandom(12)));
        long[] partnerLabels = partners(LABELS, draw);
        double[] weights = remixWeights(counts, LABELS, partnerLabels, draw.lambda(), 3, 0.5);
        assertThat(Arrays.stream(weights).distinct().count()).as("weights %s", Arrays.toString(weights))
                .isGreaterThan(1);
        float[] logits = net.forward(parameters, new NDList(manager.create(mixRows(pixels, PIXELS, draw), IMAGE_SHAPE)),
                true).singletonOrThrow().toFloatArray();
        double[] own = crossEntropies(logits, LABELS);
        double[] partner = crossEntropies(logits, partnerLabels);
        double expected = 0;
        for (int i = 0; i < N; i++) {
            expected += (weights[i] * own[i] + (1 - weights[i]) * partner[i]) / N;
        }
        assertThat(loss).isCloseTo(expected, within(TOLERANCE));
        // The reference code's form, mean(w) L(a) + (1 - mean(w)) L(b), is a different number here.
        double meanWeight = mean(weights);
        double referenceForm = meanWeight * mean(own) + (1 - meanWeight) * mean(partner);
        assertThat(Math.abs(loss - referenceForm)).isGreaterThan(100 * TOLERANCE);
    }

    /**
     * d loss / d classifier bias = d loss / d logits summed over samples; for remix with
     * cross-entropy that is (1/N) sum_i (softmax(z_i) - w_i e_{a_i} - (1 - w_i) e_{b_i}).
     */
    @Test
    void remixBiasGradientMatchesTheAnalyticFormula() {
        int[] counts = {50, 10, 2};
        CifarResNet net = trainable(network());
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(new Remix(1.0, 3, 0.5, counts)
                    .loss(net, parameters, images, labels, new CrossEntropyLoss(), new SplittableRandom(12)));
        }
        float[] gradient;
        try (NDArray handle = net.classifier().getParameters().get("bias").getArray().getGradient()) {
            gradient = handle.toFloatArray();
        }

        MixDraw draw = MixDraw.draw(1.0, N, new SplittableRandom(12));
        long[] partnerLabels = partners(LABELS, draw);
        double[] weights = remixWeights(counts, LABELS, partnerLabels, draw.lambda(), 3, 0.5);
        float[] logits = net.forward(parameters, new NDList(manager.create(mixRows(pixels, PIXELS, draw), IMAGE_SHAPE)),
                true).singletonOrThrow().toFloatArray();
        double[] expected = new double[CLASSES];
        for (int i = 0; i < N; i++) {
            double[] p = softmax(logits, i);
            for (int c = 0; c < CLASSES; c++) {
                expected[c] += (p[c] - (c == LABELS[i] ? weights[i] : 0) - (c == partnerLabels[i] ? 1 - weights[i] : 0)) / N;
            }
        }
        for (int c = 0; c < CLASSES; c++) {
            assertThat((double) gradient[c]).as("class %d", c).isCloseTo(expected[c], within(1e-6));
        }
    }

    @Test
    void everyObjectiveGivesAFloatScalarAndTheFirstConvolutionAGradient() {
        List<Supplier<BatchObjective>> objectives = List.of(NoMixup::new, () -> new InputMixup(1.0),
                () -> new ManifoldMixup(1.0, "stem"), () -> new ManifoldMixup(1.0, "layer2"),
                () -> new ManifoldMixup(1.0, "pool"), () -> new Remix(1.0, 3, 0.5, new int[] {50, 10, 2}));
        for (Supplier<BatchObjective> objective : objectives) {
            CifarResNet net = trainable(network());
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = objective.get()
                        .loss(net, parameters, images, labels, new CrossEntropyLoss(), new SplittableRandom(3));
                assertThat(loss.getShape()).isEqualTo(new Shape());
                assertThat(loss.getDataType()).as("%s", objective.get()).isEqualTo(DataType.FLOAT32);
                collector.backward(loss);
            }
            Parameter firstConvolution = net.features().getChildren().get(0).getValue().getParameters().get("weight");
            try (NDArray gradient = firstConvolution.getArray().getGradient()) {
                assertThat(gradient.abs().sum().getFloat()).as("%s", objective.get()).isGreaterThan(0f);
            }
        }
    }

    private static CifarResNet trainable(CifarResNet net) {
        for (Pair<String, Parameter> entry : net.getParameters()) {
            if (entry.getValue().requiresGradient()) {
                entry.getValue().getArray().setRequiresGradient(true);
            }
        }
        return net;
    }

    /** A draw that mixes for real: lambda strictly inside (0, 1) and some sample paired with another. */
    private static MixDraw meaningful(MixDraw draw) {
        assertThat(draw.lambda()).isStrictlyBetween(0.05, 0.95);
        int[] identity = new int[N];
        Arrays.setAll(identity, i -> i);
        assertThat(draw.permutation()).isNotEqualTo(identity);
        return draw;
    }

    /** Row i becomes lambda row_i + (1 - lambda) row_permutation[i], rows of {@code width} values. */
    private static float[] mixRows(float[] rows, int width, MixDraw draw) {
        int[] permutation = draw.permutation();
        float[] mixed = new float[rows.length];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < width; k++) {
                mixed[i * width + k] = (float) (draw.lambda() * rows[i * width + k]
                        + (1 - draw.lambda()) * rows[permutation[i] * width + k]);
            }
        }
        return mixed;
    }

    private static long[] partners(long[] values, MixDraw draw) {
        int[] permutation = draw.permutation();
        long[] partners = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            partners[i] = values[permutation[i]];
        }
        return partners;
    }

    /** Remix's rule, written out: 0 if n_a/n_b >= kappa and lambda < tau; 1 if n_a/n_b <= 1/kappa and 1 - lambda < tau. */
    private static double[] remixWeights(int[] counts, long[] a, long[] b, double lambda, double kappa, double tau) {
        double[] weights = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double ratio = (double) counts[(int) a[i]] / counts[(int) b[i]];
            weights[i] = lambda;
            if (lambda < tau && ratio >= kappa) {
                weights[i] = 0;
            }
            if (1 - lambda < tau && ratio <= 1 / kappa) {
                weights[i] = 1;
            }
        }
        return weights;
    }

    private static double[] softmax(float[] logits, int row) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CLASSES; c++) {
            max = Math.max(max, logits[row * CLASSES + c]);
        }
        double[] p = new double[CLASSES];
        double sum = 0;
        for (int c = 0; c < CLASSES; c++) {
            p[c] = Math.exp(logits[row * CLASSES + c] - max);
            sum += p[c];
        }
        for (int c = 0; c < CLASSES; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /** -log softmax(z_i)[y_i] for every row. */
    private static double[] crossEntropies(float[] logits, long[] labels) {
        double[] losses = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            losses[i] = -Math.log(softmax(logits, i)[(int) labels[i]]);
        }
        return losses;
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }
}
