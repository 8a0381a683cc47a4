/**
 * Data on the training device: a whole data set held as one uint8 tensor from which normalised
 * float batches are gathered, and batched random crop/flip augmentation done with a constant
 * number of tensor operations per batch.
 *
 * <p>These classes depend on DJL and take raw arrays ({@code byte[]} pixels, {@code int[]}
 * labels), so the plain-Java {@code dev.tailbench.data} package stays free of native code and of
 * any dependency on this one.
 */
package dev.tailbench.data.device;
