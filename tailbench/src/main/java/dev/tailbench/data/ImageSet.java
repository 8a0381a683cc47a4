package dev.tailbench.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable set of uint8 images with integer class labels.
 *
 * <p>Pixels are kept as one {@code byte[]} in N x C x H x W row-major order (each image is
 * channel-major, CHW), to be read as unsigned ({@code b & 0xff}). A single flat array keeps a
 * full training set (47 MB for Fashion-MNIST) in one allocation that can be handed to a tensor
 * without copying.
 */
public final class ImageSet {

    private final byte[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classNames;

    private ImageSet(
            byte[] pixels, int[] labels, int channels, int height, int width, List<String> classNames) {
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classNames = classNames;
    }

    /**
     * Creates an image set, taking ownership of {@code pixels} (it is not copied, to avoid
     * duplicating tens of megabytes): the caller must not change it afterwards. {@code labels}
     * is copied.
     *
     * @param pixels N*C*H*W bytes, N x C x H x W row-major
     * @param labels N labels, each in [0, classNames.size())
     * @param classNames one name per class; its size is the class count
     * @throws IllegalArgumentException if the sizes disagree or a label is out of range
     */
    public static ImageSet of(
            byte[] pixels, int[] labels, int channels, int height, int width, List<String> classNames) {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(classNames, "classNames");
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "channels, height and width must be positive, got "
                            + channels + "x" + height + "x" + width);
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("classNames must not be empty");
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(
                    "pixels has " + pixels.length + " bytes but " + labels.length + " images of "
                            + channels + "x" + height + "x" + width + " need " + expected);
        }
        int classCount = classNames.size();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new IllegalArgumentException(
                        "label " + labels[i] + " at index " + i + " out of range [0, " + classCount + ")");
            }
        }
        return new ImageSet(pixels, labels.clone(), channels, height, width, List.copyOf(classNames));
    }

    /** Number of images, N. */
    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Bytes per image, C*H*W. */
    public int imageSize() {
        return channels * height * width;
    }

    public int classCount() {
        return classNames.size();
    }

    /** Class names, indexed by label; unmodifiable. */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The pixel array itself, N x C x H x W row-major, unsigned bytes. It is not copied, so that
     * large sets are not duplicated: callers must not modify it.
     */
    public byte[] pixels() {
        return pixels;
    }

    /** A copy of the labels, one per image. */
    public int[] labels() {
        return labels.clone();
    }

    /** The label of image {@code index}. */
    public int label(int index) {
        return labels[index];
    }

    /** Number of images of each class, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[classCount()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * A new set holding copies of the images at {@code indices}, in that order; indices may
     * repeat.
     *
     * @throws IndexOutOfBoundsException if an index is not in [0, size())
     */
    public ImageSet subset(int[] indices) {
        int imageSize = imageSize();
        byte[] newPixels = new byte[Math.multiplyExact(indices.length, imageSize)];
        int[] newLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int index = Objects.checkIndex(indices[i], labels.length);
            System.arraycopy(pixels, index * imageSize, newPixels, i * imageSize, imageSize);
            newLabels[i] = labels[index];
        }
        return new ImageSet(newPixels, newLabels, channels, height, width, classNames);
    }

    @Override
    public String toString() {
        return "ImageSet[" + size() + " images of " + channels + "x" + height + "x" + width
                + ", " + classCount() + " classes, counts " + Arrays.toString(classCounts()) + "]";
    }
}
