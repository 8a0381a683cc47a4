package dev.tailbench.model;

import java.util.List;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer.FactorType;

import dev.tailbench.spec.BackboneDepths;

/**
 * The ImageNet ResNets of the large long-tail benchmarks (He et al., "Deep Residual Learning for
 * Image Recognition", CVPR 2016), as torchvision defines them and the papers' code (Kang et al.,
 * "Decoupling Representation and Classifier for Long-Tailed Recognition", ICLR 2020; Bag of
 * Tricks; BALMS) builds them: a 7x7 stride-2 convolution, BN, ReLU and a 3x3 stride-2 max pool,
 * four stages of {@link ResidualUnit}s with 64, 128, 256 and 512 planes (stride 2 from the second
 * stage), global average pooling and a linear classifier.
 * <ul>
 *   <li>{@code resnet10}: basic units, one per stage (ImageNet-LT in Kang et al. and Bag of Tricks);
 *   <li>{@code resnet50}: bottleneck units, 3, 4, 6, 3 (iNaturalist 2018);
 *   <li>{@code resnext50_32x4d}: the same with 32 groups of width 4 (Xie et al., "Aggregated
 *       Residual Transformations for Deep Neural Networks", CVPR 2017; ImageNet-LT in Kang et al.).
 * </ul>
 * Initialisation as torchvision's: Kaiming normal with fan-out for the convolutions, BN weight 1
 * and bias 0, and the classifier as {@code nn.Linear} starts. The last BN of a unit is not
 * zero-initialised (torchvision's {@code zero_init_residual=False}): the papers' code builds its
 * networks with that default, and their reported numbers are what these backbones reproduce.
 * Like {@link CifarResNet} the forward pass is exactly {@code classifier(pool(features(x)))}, the
 * features lay their input out channels-last, and manifold mixup can replace the state after the
 * stem, each stage, or the pooling.
 */
public final class ImageNetResNet extends ResNetBackbone {

    private static final byte VERSION = 1;
    private static final int[] PLANES = {64, 128, 256, 512};

    /** After the stem (conv, BN, ReLU, max pool), after each stage, after the pooling. */
    public static final List<String> MIXING_POINTS = List.of("stem", "layer1", "layer2", "layer3", "layer4", "pool");

    /** Children of the features before the first unit: conv, BN, ReLU, max pool. */
    private static final int STEM_CHILDREN = 4;

    private final String name;
    /** Index of the features child after which each stage ends. */
    private final int[] stageEnds = new int[4];

    private ImageNetResNet(String name, boolean bottleneck, int[] layers, int groups, int widthPerGroup,
            int numClasses, int inputChannels, boolean normalisedClassifier) {
        super(VERSION, inputChannels, MIXING_POINTS);
        this.name = name;
        SequentialBlock f = new ChannelsLast.Features();
        f.add(ResidualUnit.conv(64, 7, 2, 1))
                .add(BasicBlock.batchNorm())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int channels = 64;
        int child = STEM_CHILDREN - 1;
        for (int stage = 0; stage < 4; stage++) {
            int planes = PLANES[stage];
            int width = bottleneck ? planes * widthPerGroup / 64 * groups : planes;
            for (int i = 0; i < layers[stage]; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                ResidualUnit unit = new ResidualUnit(bottleneck, channels, planes, stride, groups, width);
                f.add(unit);
                channels = unit.outChannels();
                child++;
            }
            stageEnds[stage] = child;
        }
        // torchvision: kaiming_normal_(mode="fan_out", nonlinearity="relu").
        attach(f, channels, numClasses, normalisedClassifier, FactorType.OUT);
    }

    /**
     * Creates a named network, uninitialised.
     *
     * @param name one of the ImageNet names of {@code spec.BackboneDepths}
     * @throws IllegalArgumentException for another name
     */
    public static ImageNetResNet create(String name, int inputChannels, int numClasses, boolean normalisedClassifier) {
        if (numClasses < 1 || inputChannels < 1) {
            throw new IllegalArgumentException(name + " with " + numClasses + " classes and " + inputChannels
                    + " input channels");
        }
        return switch (name) {
            case "resnet10" -> new ImageNetResNet(name, false, new int[] {1, 1, 1, 1}, 1, 64, numClasses,
                    inputChannels, normalisedClassifier);
            case "resnet50" -> new ImageNetResNet(name, true, new int[] {3, 4, 6, 3}, 1, 64, numClasses,
                    inputChannels, normalisedClassifier);
            case "resnext50_32x4d" -> new ImageNetResNet(name, true, new int[] {3, 4, 6, 3}, 32, 4, numClasses,
                    inputChannels, normalisedClassifier);
            default -> throw new IllegalArgumentException("Unknown ImageNet backbone '" + name + "'; known: "
                    + BackboneDepths.names());
        };
    }

    /** After the stem's four children, or after the last unit of a stage; -1 for pool. */
    @Override
    protected int childAfterPoint(int pointIndex) {
        if (pointIndex == MIXING_POINTS.size() - 1) {
            return -1;
        }
        return pointIndex == 0 ? STEM_CHILDREN - 1 : stageEnds[pointIndex - 1];
    }

    @Override
    public String toString() {
        return name + "(" + getNumClasses() + " classes)";
    }
}
