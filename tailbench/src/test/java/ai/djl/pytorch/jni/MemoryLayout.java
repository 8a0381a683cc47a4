package ai.djl.pytorch.jni;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;

/**
 * Test helper in DJL's package: asks libtorch whether an array is contiguous in its logical
 * (N x C x H x W) order, which DJL's public API does not say. A channels-last array with more than
 * one channel and more than one pixel is not.
 */
public final class MemoryLayout {

    private MemoryLayout() {
    }

    public static boolean isContiguous(NDArray array) {
        return PyTorchLibrary.LIB.torchIsContiguous(((PtNDArray) array).getHandle());
    }
}
