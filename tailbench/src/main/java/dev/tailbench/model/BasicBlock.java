package dev.tailbench.model;

import static dev.tailbench.model.ResNetBackbone.replace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The two-convolution residual block of the CIFAR ResNets (He et al. 2016, section 4.2):
 * conv3x3(stride)-BN-ReLU-conv3x3-BN, plus a shortcut, then ReLU.
 *
 * <p>Where the block changes the shape (stride 2 or more output channels) the shortcut is
 * "option A": subsample spatially and zero-pad the channels. It has no parameters, which is what
 * keeps ResNet-32 at the published 0.46M parameters (option B would add 1x1 convolutions).
 */
public final class BasicBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int planes;
    private final int stride;
    private final Block conv1;
    private final Block bn1;
    private final Block conv2;
    private final Block bn2;

    /**
     * Creates a block.
     *
     * @param planes output channels
     * @param stride stride of the first convolution (1 or 2)
     */
    public BasicBlock(int planes, int stride) {
        super(VERSION);
        this.planes = planes;
        this.stride = stride;
        conv1 = addChildBlock("conv1", conv3x3(planes, stride));
        bn1 = addChildBlock("bn1", batchNorm());
        conv2 = addChildBlock("conv2", conv3x3(planes, 1));
        bn2 = addChildBlock("bn2", batchNorm());
    }

    static Block conv3x3(int filters, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1))
                // BN follows every convolution, so a bias would be redundant.
                .optBias(false)
                .build();
    }

    static Block batchNorm() {
        // DJL's momentum is the weight of the OLD running statistic (the PyTorch engine passes
        // 1 - momentum to torch), so 0.9 here is PyTorch's default momentum of 0.1.
        return BatchNorm.builder().optMomentum(0.9f).optEpsilon(1e-5f).build();
    }

    /**
     * The option-A shortcut: {@code x[:, :, ::2, ::2]} with {@code pad} zero channels added on
     * each side of the channel axis (as in the LDAM / BagofTricks-LT {@code LambdaLayer}).
     *
     * @param x input, N x C x H x W
     * @param pad zero channels to add before and after the existing ones
     * @return N x (C + 2 pad) x ceil(H/2) x ceil(W/2); on {@code x}'s manager
     */
    public static NDArray optionAShortcut(NDArray x, int pad) {
        try (NDArray sub = x.get(new NDIndex(":, :, ::2, ::2"))) {
            // pad() lists (before, after) pairs from the LAST axis backwards, as torch.nn.functional.pad.
            return sub.pad(new Shape(0, 0, 0, 0, pad, pad), 0);
        }
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        // Each intermediate's handle is closed as soon as the next step has used it: autograd
        // keeps what backward needs on its own, and the rest is freed at once (as PyTorch frees a
        // temporary) instead of when the batch's scope closes, which keeps the peak memory of
        // training and evaluation down. x belongs to the caller.
        NDArray out = conv1.forward(ps, new NDList(x), training).singletonOrThrow();
        out = replace(out, bn1.forward(ps, new NDList(out), training).singletonOrThrow());
        out = replace(out, Activation.relu(out));
        out = replace(out, conv2.forward(ps, new NDList(out), training).singletonOrThrow());
        out = replace(out, bn2.forward(ps, new NDList(out), training).singletonOrThrow());
        // Decided from the input rather than stored at initialize(), so that a block whose
        // parameters were loaded from a file behaves the same.
        long inPlanes = x.getShape().get(1);
        boolean identity = stride == 1 && inPlanes == planes;
        NDArray shortcut = identity ? x : optionAShortcut(x, (int) ((planes - inPlanes) / 2));
        // Not in place: BN's output is needed by autograd.
        out = replace(out, out.add(shortcut));
        if (!identity) {
            shortcut.close();
        }
        return new NDList(replace(out, Activation.relu(out)));
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, shapes);
            shapes = child.getOutputShapes(shapes);
        }
        long inPlanes = inputShapes[0].get(1);
        boolean identity = stride == 1 && inPlanes == planes;
        long extra = planes - inPlanes;
        if (!identity && (stride != 2 || extra < 0 || extra % 2 != 0)) {
            throw new IllegalArgumentException(
                    "Option-A shortcut needs stride 2 and an even channel increase, got "
                            + inPlanes + " -> " + planes + " with stride " + stride);
        }
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : getChildren().values()) {
            shapes = child.getOutputShapes(shapes);
        }
        return shapes;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "BasicBlock(" + planes + ", stride " + stride + ")";
    }
}
