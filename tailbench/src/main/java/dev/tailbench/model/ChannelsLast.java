package dev.tailbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The channels-last memory format (PyTorch's {@code torch.channels_last}): a 4-D array keeps its
 * N x C x H x W shape, but its elements lie in memory as N x H x W x C. libtorch's CPU convolutions
 * (oneDNN) run faster on it, and its convolution, batch-norm, pooling and element-wise kernels
 * hand the format on to their outputs, so laying out the network's input once is enough for the
 * whole forward and backward pass. PyTorch's CPU performance guide recommends it; on this project's
 * 2-core machine it made ResNet-8 training 5-25% and ResNet-32 training 20-30% faster
 * (docs/performance.md).
 *
 * <p>The parameters stay in the plain layout. DJL reads a non-contiguous array (saving a
 * checkpoint, a momentum snapshot) through a contiguous copy that it attaches to the array's
 * manager, which for a parameter is the model's: every checkpoint would leave a copy of every
 * weight behind until the run ends. Plain weights cost little: oneDNN reorders the weights for
 * every call anyway, and autograd gives each gradient (and so each momentum buffer) its
 * parameter's layout.
 *
 * <p>DJL 0.35 has no memory-format API, so the layout is built from views: a permute to
 * N x H x W x C, a reshape that has to copy (so the copy is contiguous in that order), and the
 * permute back, which is a view with channels-last strides. Values, shapes and gradients are those
 * of the plain layout; only the order of floating-point sums inside the kernels changes.
 */
public final class ChannelsLast {

    private ChannelsLast() {
    }

    /**
     * The same values as {@code array} (N x C x H x W) laid out channels-last; other ranks are
     * returned unchanged. One channel needs no copy: a view with channels-last strides.
     */
    public static NDArray layOut(NDArray array) {
        Shape shape = array.getShape();
        if (shape.dimension() != 4) {
            return array;
        }
        long n = shape.get(0);
        long c = shape.get(1);
        long h = shape.get(2);
        long w = shape.get(3);
        if (c == 1) {
            try (NDArray nhwc = array.reshape(n, h, w, 1)) {
                return nhwc.transpose(0, 3, 1, 2);
            }
        }
        // The views and the copy share one storage, which lives as long as the returned view.
        try (NDArray permuted = array.transpose(0, 2, 3, 1);
                NDArray copy = permuted.reshape(-1);
                NDArray nhwc = copy.reshape(n, h, w, c)) {
            return nhwc.transpose(0, 3, 1, 2);
        }
    }

    /**
     * A {@link SequentialBlock} that lays its input out channels-last before its first child: the
     * feature extractor of a backbone, so that every caller (training, evaluation, class
     * activation maps, classifier re-training) runs in the format. The parameters and their names
     * are those of a plain {@link SequentialBlock}, and so is the output.
     */
    static final class Features extends SequentialBlock {

        @Override
        protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray input = inputs.singletonOrThrow();
            NDArray state = layOut(input);
            for (Block child : getChildren().values()) {
                NDArray next = child.forward(parameterStore, new NDList(state), training).singletonOrThrow();
                // As BasicBlock does: the handle of a state the next child has used is closed at
                // once (autograd keeps what backward needs); the input belongs to the caller.
                if (state != input && state != next) {
                    state.close();
                }
                state = next;
            }
            return new NDList(state);
        }
    }
}
