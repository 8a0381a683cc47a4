package dev.tailbench.tricks.rebalance;

import java.util.function.Supplier;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Runs a computation on frozen weights as {@code torch.no_grad()} does: no autograd graph is
 * recorded, so no gradient can reach the frozen weights and the graph costs no memory.
 *
 * <p>DJL's PyTorch engine turns gradient recording off at start-up and on only inside a
 * {@code GradientCollector}, but that switch is per thread in libtorch (a fresh thread starts with
 * it on), so the frozen parts switch it off explicitly. Other engines get a detached result.
 */
final class WithoutGradient {

    private WithoutGradient() {
    }

    /**
     * Computes an array without recording gradients.
     *
     * @param pytorch     whether the arrays belong to the PyTorch engine
     * @param computation the frozen computation
     * @return its result, which requires no gradient
     */
    static NDArray compute(boolean pytorch, Supplier<NDArray> computation) {
        if (!pytorch) {
            return computation.get().stopGradient();
        }
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return computation.get();
        }
        finally {
            JniUtils.setGradMode(recording);
        }
    }

    /**
     * Changes arrays in place without recording gradients: libtorch refuses in-place changes of a
     * weight that requires a gradient while it records.
     *
     * @param pytorch whether the arrays belong to the PyTorch engine
     * @param change  the in-place change
     */
    static void change(boolean pytorch, Runnable change) {
        if (!pytorch) {
            change.run();
            return;
        }
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            change.run();
        }
        finally {
            JniUtils.setGradMode(recording);
        }
    }

    /** Whether an array belongs to the PyTorch engine. */
    static boolean isPyTorch(NDArray array) {
        return array.getManager() instanceof PtNDManager;
    }
}
