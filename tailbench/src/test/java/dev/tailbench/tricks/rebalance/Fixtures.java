package dev.tailbench.tricks.rebalance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.model.CifarResNet;
import dev.tailbench.tricks.sampling.EpochSampler;

/** A tiny network and data set for the classifier-stage tests: ResNet-8, 1 channel, 8 x 8 images. */
final class Fixtures {

    static final int SIZE = 8;
    static final int FEATURES = 64;
    static final double[] MEAN = {0.5};
    static final double[] STD = {0.25};

    private Fixtures() {
    }

    /** An initialised ResNet-8 for 1 x 8 x 8 images, its weights fixed by the seed. */
    static CifarResNet network(NDManager manager, int classes, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        CifarResNet network = CifarResNet.builder().setDepth(8).setNumClasses(classes).optInputChannels(1).build();
        network.initialize(manager, DataType.FLOAT32, new Shape(1, 1, SIZE, SIZE));
        return network;
    }

    /**
     * {@code perClass} images of each class, sample i of class k at index {@code k * perClass + i}:
     * a bright 4 x 4 quadrant k (of 4) on a dark, noisy background, so the classes are separable.
     */
    static DeviceImages separableImages(NDManager manager, int classes, int perClass, long seed) {
        Random random = new Random(seed);
        int n = classes * perClass;
        byte[] pixels = new byte[n * SIZE * SIZE];
        int[] labels = new int[n];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < perClass; i++) {
                int image = k * perClass + i;
                labels[image] = k;
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        boolean bright = (y / 4) * 2 + (x / 4) == k % 4;
                        int value = (bright ? 200 : 30) + random.nextInt(40);
                        pixels[image * SIZE * SIZE + y * SIZE + x] = (byte) value;
                    }
                }
            }
        }
        return DeviceImages.of(manager, pixels, labels, 1, SIZE, SIZE, MEAN, STD);
    }

    /** Every image once per epoch, always in index order. */
    static EpochSampler inOrder(int size) {
        return (epoch, random) -> {
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            return order;
        };
    }

    /** Each epoch cycles through the classes, one image of each in turn: class-balanced batches. */
    static EpochSampler roundRobin(int classes, int perClass) {
        return (epoch, random) -> {
            int[] order = new int[classes * perClass];
            int k = 0;
            for (int i = 0; i < perClass; i++) {
                for (int c = 0; c < classes; c++) {
                    order[k++] = c * perClass + (i + epoch) % perClass;
                }
            }
            return order;
        };
    }

    static RandomGenerator random() {
        return new java.util.SplittableRandom(11);
    }

    static ParameterStore store(NDManager manager) {
        return new ParameterStore(manager, false);
    }

    /** Every parameter's values by its path in the network. */
    static Map<String, float[]> snapshot(CifarResNet network) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : network.getParameters()) {
            values.put(entry.getKey(), entry.getValue().getArray().toFloatArray());
        }
        return values;
    }

    /** Marks every trainable parameter as requiring a gradient, as the trainer does before the first stage. */
    static void requireGradients(CifarResNet network) {
        for (Pair<String, Parameter> entry : network.getParameters()) {
            if (entry.getValue().requiresGradient()) {
                entry.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    /** Sum of |gradient| over every parameter outside the classifier that has a gradient. */
    static double backboneGradient(CifarResNet network) {
        java.util.Set<String> head = classifierPaths(network);
        double sum = 0;
        for (Pair<String, Parameter> entry : network.getParameters()) {
            NDArray array = entry.getValue().getArray();
            if (!head.contains(entry.getKey()) && array.hasGradient()) {
                try (NDManager scope = array.getManager().newSubManager()) {
                    NDArray gradient = array.getGradient();
                    gradient.attach(scope);
                    sum += gradient.abs().sum().getFloat();
                }
            }
        }
        return sum;
    }

    /** Paths of the classifier's parameters in the network. */
    static java.util.Set<String> classifierPaths(CifarResNet network) {
        java.util.Set<Parameter> head = new java.util.HashSet<>(network.classifier().getParameters().values());
        java.util.Set<String> paths = new java.util.HashSet<>();
        for (Pair<String, Parameter> entry : network.getParameters()) {
            if (head.contains(entry.getValue())) {
                paths.add(entry.getKey());
            }
        }
        return paths;
    }

    /** Types of every parameter by its path in the network. */
    static Map<String, Parameter.Type> types(CifarResNet network) {
        Map<String, Parameter.Type> types = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : network.getParameters()) {
            types.put(entry.getKey(), entry.getValue().getType());
        }
        return types;
    }

    /** Pooled features of the given images, backbone in training mode as the stages run it (N x 64 as doubles). */
    static double[][] pooledFeatures(CifarResNet network, ParameterStore store, DeviceImages images, int[] indices) {
        try (NDManager scope = store.getManager().newSubManager()) {
            NDArray x = images.batch(indices, scope).get(0);
            NDArray maps = network.features().forward(store, new NDList(x), true).singletonOrThrow();
            float[] flat = CifarResNet.globalAveragePool(maps).toFloatArray();
            double[][] features = new double[indices.length][FEATURES];
            for (int n = 0; n < indices.length; n++) {
                for (int f = 0; f < FEATURES; f++) {
                    features[n][f] = flat[n * FEATURES + f];
                }
            }
            return features;
        }
    }

    /** Writes values into a parameter array of the same shape. */
    static void overwrite(NDArray target, float[] values) {
        try (NDArray source = target.getManager().create(values, target.getShape())) {
            WithoutGradient.change(true, () -> InPlace.copy(source, target));
        }
    }

    static float[] filled(int size, float value) {
        float[] values = new float[size];
        java.util.Arrays.fill(values, value);
        return values;
    }

    /** Row-major matrix of a flat array. */
    static double[][] matrix(float[] flat, int rows, int columns) {
        double[][] m = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                m[r][c] = flat[r * columns + c];
            }
        }
        return m;
    }

    /** Softmax of each row, in double precision. */
    static double[][] softmax(double[][] logits) {
        double[][] p = new double[logits.length][];
        for (int n = 0; n < logits.length; n++) {
            double max = java.util.Arrays.stream(logits[n]).max().orElseThrow();
            double sum = 0;
            p[n] = new double[logits[n].length];
            for (int c = 0; c < logits[n].length; c++) {
                p[n][c] = Math.exp(logits[n][c] - max);
                sum += p[n][c];
            }
            for (int c = 0; c < logits[n].length; c++) {
                p[n][c] /= sum;
            }
        }
        return p;
    }

    /** x W^T + b. */
    static double[][] linear(double[][] x, double[][] weight, double[] bias) {
        double[][] z = new double[x.length][weight.length];
        for (int n = 0; n < x.length; n++) {
            for (int c = 0; c < weight.length; c++) {
                double sum = bias[c];
                for (int f = 0; f < x[n].length; f++) {
                    sum += weight[c][f] * x[n][f];
                }
                z[n][c] = sum;
            }
        }
        return z;
    }
}
