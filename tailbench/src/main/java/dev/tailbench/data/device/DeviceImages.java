package dev.tailbench.data.device;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;

/**
 * A labelled image set held on a device as one uint8 tensor (N x C x H x W) and one int64 label
 * tensor, from which batches are gathered with a single index operation.
 *
 * <p>Keeping the pixels as uint8 costs a quarter of float32's memory (CIFAR-10: 150 MB) and the
 * host sends nothing per batch except the indices. The arrays live on a sub-manager of the
 * parent, freed by {@link #close()}; batches are attached to the caller's per-batch scope, so
 * nothing accumulates on the long-lived managers.
 */
public final class DeviceImages implements AutoCloseable {

    private final NDManager manager;
    private final NDArray images;
    private final NDArray labels;
    /** 1 x C x 1 x 1: x * scale - shift = (x / 255 - mean) / std. */
    private final NDArray scale;

    private final NDArray shift;
    private final int size;

    private DeviceImages(
            NDManager manager, NDArray images, NDArray labels, NDArray scale, NDArray shift) {
        this.manager = manager;
        this.images = images;
        this.labels = labels;
        this.scale = scale;
        this.shift = shift;
        this.size = (int) images.getShape().get(0);
    }

    /**
     * Copies a data set to the device of {@code parent}.
     *
     * @param parent manager whose device receives the data; the arrays go on a new sub-manager
     * @param pixels uint8 pixels (Java bytes, read as unsigned), N x C x H x W in row-major order
     * @param labels class labels, length N
     * @param channels C
     * @param height H
     * @param width W
     * @param mean per-channel mean of x / 255, length C
     * @param std per-channel standard deviation of x / 255, length C, all positive
     * @return the device data set; close it to free the device memory
     */
    public static DeviceImages of(
            NDManager parent,
            byte[] pixels,
            int[] labels,
            int channels,
            int height,
            int width,
            double[] mean,
            double[] std) {
        int n = labels.length;
        long expected = (long) n * channels * height * width;
        if (channels < 1 || height < 1 || width < 1 || pixels.length != expected) {
            throw new IllegalArgumentException(
                    "pixels has " + pixels.length + " bytes, expected " + n + " x " + channels
                            + " x " + height + " x " + width + " = " + expected);
        }
        Normalisation.check(mean, std, channels);
        NDManager m = parent.newSubManager();
        try {
            NDArray images =
                    m.create(
                            ByteBuffer.wrap(pixels),
                            new Shape(n, channels, height, width),
                            DataType.UINT8);
            long[] l = new long[n];
            for (int i = 0; i < n; i++) {
                l[i] = labels[i];
            }
            // int64: what PyTorch's losses and gather/pick expect as class indices.
            NDArray labelArray = m.create(l);
            float[] sc = new float[channels];
            float[] sh = new float[channels];
            for (int c = 0; c < channels; c++) {
                sc[c] = (float) (1.0 / (255.0 * std[c]));
                sh[c] = (float) (mean[c] / std[c]);
            }
            Shape perChannel = new Shape(1, channels, 1, 1);
            return new DeviceImages(
                    m, images, labelArray, m.create(sc, perChannel), m.create(sh, perChannel));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** @return N, the number of images */
    public int size() {
        return size;
    }

    /** @return every image's label, copied from the device (generated images included) */
    public int[] hostLabels() {
        long[] values = labels.toLongArray();
        int[] result = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Math.toIntExact(values[i]);
        }
        return result;
    }

    /** @return the shape of one image, C x H x W */
    public Shape imageShape() {
        return images.getShape().slice(1);
    }

    /**
     * Gathers a batch.
     *
     * @param indices image indices, each in [0, size)
     * @param scope the caller's per-batch manager, on the same device; owns the results and
     *     every temporary
     * @return (float32 images B x C x H x W normalised as (x / 255 - mean) / std, int64 labels B)
     */
    public NDList batch(int[] indices, NDManager scope) {
        NDArray index = deviceIndex(indices, scope);
        try {
            // get(manager, index) creates the result on `scope`, not on our long-lived manager.
            NDArray x;
            try (NDArray raw = images.get(scope, new NDIndex("{}", index))) {
                x = raw.toType(DataType.FLOAT32, false);
            }
            // In place, so the multiplications by our arrays do not create arrays on them.
            x.muli(scale).subi(shift);
            NDArray y = labels.get(scope, new NDIndex("{}", index));
            return new NDList(x, y);
        } finally {
            index.close();
        }
    }

    /**
     * Gathers images as stored, without normalisation.
     *
     * @param indices image indices, each in [0, size)
     * @param scope the caller's manager, on the same device; owns the result
     * @return uint8 images B x C x H x W
     */
    public NDArray raw(int[] indices, NDManager scope) {
        NDArray index = deviceIndex(indices, scope);
        try {
            return images.get(scope, new NDIndex("{}", index));
        } finally {
            index.close();
        }
    }

    /**
     * A new data set holding these images followed by {@code extraImages}, with the same
     * normalisation. This one stays valid and independent: close both (the new one's arrays live
     * on their own sub-manager of this one's parent, so closing this one does not free them).
     *
     * @param extraImages uint8 images M x C x H x W of this set's image shape, on its device; copied
     * @param extraLabels their labels, length M
     * @return the enlarged data set of size N + M
     */
    public DeviceImages withExtra(NDArray extraImages, int[] extraLabels) {
        Shape s = extraImages.getShape();
        if (extraImages.getDataType() != DataType.UINT8 || s.dimension() != 4
                || !s.slice(1).equals(imageShape()) || s.get(0) != extraLabels.length) {
            throw new IllegalArgumentException("expected uint8 " + extraLabels.length + " x " + imageShape()
                    + " images, got " + extraImages.getDataType() + " " + s);
        }
        NDManager m = manager.getParentManager().newSubManager();
        try {
            NDArray allImages = images.concat(extraImages, 0);
            allImages.attach(m);
            long[] l = new long[extraLabels.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = extraLabels[i];
            }
            NDArray allLabels;
            try (NDArray extra = m.create(l)) {
                allLabels = labels.concat(extra, 0);
            }
            allLabels.attach(m);
            NDArray newScale = scale.duplicate();
            newScale.attach(m);
            NDArray newShift = shift.duplicate();
            newShift.attach(m);
            return new DeviceImages(m, allImages, allLabels, newScale, newShift);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private NDArray deviceIndex(int[] indices, NDManager scope) {
        long[] idx = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int k = indices[i];
            if (k < 0 || k >= size) {
                throw new IndexOutOfBoundsException("index " + k + " outside [0, " + size + ")");
            }
            idx[i] = k;
        }
        NDArray index = scope.create(idx);
        if (!index.getDevice().equals(images.getDevice())) {
            NDArray moved = index.toDevice(images.getDevice(), false);
            index.close();
            index = moved;
        }
        return index;
    }

    /** Frees the device arrays. */
    @Override
    public void close() {
        manager.close();
    }
}
