package dev.tailbench.model;

import static dev.tailbench.model.ResNetBackbone.replace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A residual unit of the ImageNet ResNets (He et al. 2016) and ResNeXt (Xie et al. 2017), as
 * torchvision defines them and the long-tail papers' code uses them:
 * <ul>
 *   <li>basic: conv3x3(stride)-BN-ReLU-conv3x3-BN (expansion 1; ResNet-10);
 *   <li>bottleneck: conv1x1-BN-ReLU-conv3x3(stride, groups)-BN-ReLU-conv1x1-BN (expansion 4, the
 *       stride on the 3x3 convolution, "ResNet v1.5"; ResNet-50, and ResNeXt-50 with 32 groups of
 *       width 4);
 * </ul>
 * plus the shortcut, a 1x1 convolution (stride) and BN where the shape changes ("option B"),
 * then ReLU. Unlike the CIFAR {@link BasicBlock} the projection has parameters, as in the papers.
 */
final class ResidualUnit extends AbstractBlock {

    private static final byte VERSION = 1;

    private final boolean bottleneck;
    private final int outChannels;
    private final int stride;
    private final Block[] main;
    private final Block projection;
    private final Block projectionNorm;

    /**
     * @param bottleneck bottleneck (three convolutions) or basic (two)
     * @param inChannels channels of the input
     * @param planes the stage's planes (64, 128, 256, 512); the output is {@code planes * expansion}
     * @param stride of the unit (on the 3x3 convolution)
     * @param groups of the 3x3 convolution (bottleneck only)
     * @param width channels of the bottleneck's 3x3 convolution
     */
    ResidualUnit(boolean bottleneck, int inChannels, int planes, int stride, int groups, int width) {
        super(VERSION);
        this.bottleneck = bottleneck;
        this.stride = stride;
        outChannels = bottleneck ? planes * 4 : planes;
        if (bottleneck) {
            main = new Block[] {
                addChildBlock("conv1", conv(width, 1, 1, 1)), addChildBlock("bn1", BasicBlock.batchNorm()),
                addChildBlock("conv2", conv(width, 3, stride, groups)), addChildBlock("bn2", BasicBlock.batchNorm()),
                addChildBlock("conv3", conv(outChannels, 1, 1, 1)), addChildBlock("bn3", BasicBlock.batchNorm()),
            };
        }
        else {
            main = new Block[] {
                addChildBlock("conv1", conv(planes, 3, stride, 1)), addChildBlock("bn1", BasicBlock.batchNorm()),
                addChildBlock("conv2", conv(planes, 3, 1, 1)), addChildBlock("bn2", BasicBlock.batchNorm()),
            };
        }
        if (stride != 1 || inChannels != outChannels) {
            projection = addChildBlock("downsample", conv(outChannels, 1, stride, 1));
            projectionNorm = addChildBlock("downsample_bn", BasicBlock.batchNorm());
        }
        else {
            projection = null;
            projectionNorm = null;
        }
    }

    /** A convolution without bias (BN follows), padding keeping the size for odd kernels. */
    static Block conv(int filters, int kernel, int stride, int groups) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optGroups(groups)
                .optBias(false)
                .build();
    }

    int outChannels() {
        return outChannels;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        // As in BasicBlock: each intermediate is closed once the next step has used it (autograd
        // keeps what backward needs); x belongs to the caller.
        NDArray out = main[0].forward(ps, new NDList(x), training).singletonOrThrow();
        for (int i = 1; i < main.length; i++) {
            out = replace(out, main[i].forward(ps, new NDList(out), training).singletonOrThrow());
            // ReLU after every BN but the last: the last one's ReLU comes after the addition.
            boolean norm = i % 2 == 1;
            if (norm && i < main.length - 1) {
                out = replace(out, Activation.relu(out));
            }
        }
        NDArray shortcut = x;
        if (projection != null) {
            NDArray projected = projection.forward(ps, new NDList(x), training).singletonOrThrow();
            shortcut = replace(projected, projectionNorm.forward(ps, new NDList(projected), training).singletonOrThrow());
        }
        out = replace(out, out.add(shortcut));
        if (shortcut != x) {
            shortcut.close();
        }
        return new NDList(replace(out, Activation.relu(out)));
    }


    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block block : main) {
            block.initialize(manager, dataType, shapes);
            shapes = block.getOutputShapes(shapes);
        }
        if (projection != null) {
            projection.initialize(manager, dataType, inputShapes);
            projectionNorm.initialize(manager, dataType, projection.getOutputShapes(inputShapes));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block block : main) {
            shapes = block.getOutputShapes(shapes);
        }
        return shapes;
    }

    @Override
    public String toString() {
        return (bottleneck ? "Bottleneck(" : "BasicUnit(") + outChannels + ", stride " + stride + ")";
    }
}
