package dev.tailbench.model;

import java.util.List;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * What the CIFAR and the ImageNet ResNets share: two children, {@code features} (a sequence that
 * lays its input out channels-last, then stem and stages) and {@code classifier}, a forward pass
 * that is exactly {@code classifier(globalAveragePool(features(x)))}, and manifold mixup's
 * replacement of the state after a named child or after the pooling.
 */
public abstract class ResNetBackbone extends AbstractBlock implements Backbone {

    private final int inputChannels;
    private final List<String> mixingPoints;
    private SequentialBlock features;
    private Block classifier;
    private int numClasses;
    private int featureChannels;

    protected ResNetBackbone(byte version, int inputChannels, List<String> mixingPoints) {
        super(version);
        this.inputChannels = inputChannels;
        this.mixingPoints = List.copyOf(mixingPoints);
    }

    /**
     * Adds the two children, named {@code features} and {@code classifier} (their parameters'
     * prefixes), the classifier a Linear layer or LDAM's cosine head, and sets the initialisation:
     * the convolutions Kaiming normal, N(0, sqrt(2 / fan)) (DJL's Xavier with magnitude 2), with
     * the fan the reference code uses; the Linear head as PyTorch's {@code nn.Linear} starts,
     * weight and bias U(+-1/sqrt(featureChannels)) (both references build the head outside the
     * Kaiming initialisation); the cosine head its own unit columns.
     *
     * @param convolutionFan fan-in for the CIFAR ResNets (BagofTricks-LT), fan-out for the ImageNet
     *        ones (torchvision)
     */
    protected final void attach(SequentialBlock featureBlock, int featureChannels, int numClasses,
            boolean normalisedClassifier, FactorType convolutionFan) {
        this.featureChannels = featureChannels;
        this.numClasses = numClasses;
        features = addChildBlock("features", featureBlock);
        classifier = addChildBlock("classifier", normalisedClassifier
                ? new NormalisedLinear(numClasses)
                : Linear.builder().setUnits(numClasses).build());
        setInitializer(new XavierInitializer(RandomType.GAUSSIAN, convolutionFan, 2f), Parameter.Type.WEIGHT);
        if (normalisedClassifier) {
            classifier.setInitializer(new UnitColumnInitializer(), Parameter.Type.WEIGHT);
        }
        else {
            float bound = (float) (1 / Math.sqrt(featureChannels));
            classifier.setInitializer(new UniformInitializer(bound), Parameter.Type.WEIGHT);
            classifier.setInitializer(new UniformInitializer(bound), Parameter.Type.BIAS);
        }
    }

    /** @return the number of classes of the classifier */
    @Override
    public int getNumClasses() {
        return numClasses;
    }

    /** @return the number of channels of {@link #features()}' output and of the pooled features */
    @Override
    public int getFeatureChannels() {
        return featureChannels;
    }

    /**
     * The index of the features' child after which the state at mixing point {@code pointIndex} is
     * replaced, or -1 for a point after the pooling.
     */
    protected abstract int childAfterPoint(int pointIndex);

    /** @return the expected number of input channels */
    public int getInputChannels() {
        return inputChannels;
    }

    @Override
    public Block features() {
        return features;
    }

    @Override
    public Block classifier() {
        return classifier;
    }

    /**
     * Averages N x C x H x W feature maps over the spatial axes.
     *
     * @param featureMaps N x C x H x W
     * @return N x C, on {@code featureMaps}' manager
     */
    public static NDArray globalAveragePool(NDArray featureMaps) {
        Shape s = featureMaps.getShape();
        // PtNDArray.mean accepts a single axis only, so flatten H x W first.
        try (NDArray flat = featureMaps.reshape(s.get(0), s.get(1), s.get(2) * s.get(3))) {
            return flat.mean(new int[] {2});
        }
    }

    /** Global average pooling, as the forward pass pools. */
    @Override
    public NDArray pool(NDArray featureMaps) {
        return globalAveragePool(featureMaps);
    }

    @Override
    public List<String> mixingPoints() {
        return mixingPoints;
    }

    /**
     * Runs the network like {@link #forward}, but replaces the hidden state at one point by a
     * function of it. The children run one by one with the same parameter store and mode, so with
     * the identity this gives exactly the logits of the normal forward pass.
     *
     * @throws IllegalArgumentException for an unknown point
     */
    @Override
    public NDList forwardMixing(
            ParameterStore ps, NDArray x, boolean training, String point, UnaryOperator<NDArray> atPoint) {
        int pointIndex = mixingPoints.indexOf(point);
        if (pointIndex < 0) {
            throw new IllegalArgumentException(
                    "Unknown mixing point '" + point + "'; known: " + String.join(", ", mixingPoints));
        }
        int afterChild = childAfterPoint(pointIndex);
        // The children run without the features block's own forward, which lays the input out.
        NDList state = new NDList(ChannelsLast.layOut(x));
        List<Block> children = features.getChildren().values();
        for (int child = 0; child < children.size(); child++) {
            state = children.get(child).forward(ps, state, training);
            if (child == afterChild) {
                state = new NDList(atPoint.apply(state.singletonOrThrow()));
            }
        }
        NDArray pooled = globalAveragePool(state.singletonOrThrow());
        if (afterChild < 0) {
            pooled = atPoint.apply(pooled);
        }
        return classifier.forward(ps, new NDList(pooled), training);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray maps = features.forward(ps, inputs, training).singletonOrThrow();
        NDArray pooled = globalAveragePool(maps);
        return classifier.forward(ps, new NDList(pooled), training);
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        long c = inputShapes[0].get(1);
        if (c != inputChannels) {
            throw new IllegalArgumentException(
                    "Network built for " + inputChannels + " input channels, got shape " + inputShapes[0]);
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        features.initialize(manager, dataType, inputShapes);
        Shape maps = features.getOutputShapes(inputShapes)[0];
        classifier.initialize(manager, dataType, new Shape(maps.get(0), maps.get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape maps = features.getOutputShapes(inputShapes)[0];
        return classifier.getOutputShapes(new Shape[] {new Shape(maps.get(0), maps.get(1))});
    }

    /** Closes the handle of an intermediate a block no longer needs and returns its successor. */
    static NDArray replace(NDArray done, NDArray next) {
        done.close();
        return next;
    }
}
