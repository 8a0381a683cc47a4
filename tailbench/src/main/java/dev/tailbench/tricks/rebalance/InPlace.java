package dev.tailbench.tricks.rebalance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/** Overwrites a parameter's values where it lies, so the network keeps the same array. */
final class InPlace {

    private InPlace() {
    }

    /**
     * Copies values into an array of the same shape, bit for bit, whatever it held before (NaN
     * included); the caller switches gradient recording off.
     *
     * @param source the values
     * @param target the array that receives them
     */
    static void copy(NDArray source, NDArray target) {
        if (!source.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("cannot copy " + source.getShape() + " into " + target.getShape());
        }
        target.set(new NDIndex("..."), source);
    }
}
