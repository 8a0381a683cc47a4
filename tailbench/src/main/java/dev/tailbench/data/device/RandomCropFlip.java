package dev.tailbench.data.device;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;

/**
 * The standard CIFAR augmentation, {@code RandomCrop(H, padding=p)} then {@code
 * RandomHorizontalFlip()}, applied to a whole normalised batch on its device with a constant
 * number of tensor operations: pad once, then one {@code gather} whose index encodes every
 * sample's crop offset and flip.
 *
 * <p>Padding value: torchvision pads the raw image with 0 (black) before {@code Normalize}. This
 * class works on normalised batches, so it pads with what raw 0 becomes, {@code (0 - mean) / std}
 * per channel, rather than with a normalised 0 (a mid-grey) as some code bases do.
 *
 * <p>The random choices come from a Java {@link RandomGenerator}, so a seed gives the same
 * augmentation on any device and engine.
 */
public final class RandomCropFlip {

    private final int padding;
    private final boolean flip;
    private final float[] fill;

    /**
     * Creates the augmentation.
     *
     * @param padding pixels of padding on each side (4 for CIFAR); 0 disables cropping
     * @param flip whether to flip horizontally with probability 0.5
     * @param mean per-channel mean used to normalise the batches
     * @param std per-channel std used to normalise the batches
     */
    public RandomCropFlip(int padding, boolean flip, double[] mean, double[] std) {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
        Normalisation.check(mean, std, mean.length);
        this.padding = padding;
        this.flip = flip;
        fill = new float[mean.length];
        for (int c = 0; c < fill.length; c++) {
            fill[c] = (float) ((0.0 - mean[c]) / std[c]);
        }
    }

    /** @return the padding on each side */
    public int getPadding() {
        return padding;
    }

    /**
     * @param channel a channel index
     * @return the value padded pixels take in that channel: raw 0 after normalisation
     */
    public float fillValue(int channel) {
        return fill[channel];
    }

    /**
     * Augments a batch with random offsets in [0, 2 padding] and flips with probability 0.5.
     * Draws, per sample in order: dy, dx, then the flip (only if flipping is enabled).
     *
     * @param batch normalised float batch N x C x H x W
     * @param rng source of the random choices
     * @return a new array on {@code batch}'s manager
     */
    public NDArray apply(NDArray batch, RandomGenerator rng) {
        int n = (int) batch.getShape().get(0);
        int[] dy = new int[n];
        int[] dx = new int[n];
        boolean[] flips = new boolean[n];
        for (int i = 0; i < n; i++) {
            dy[i] = rng.nextInt(2 * padding + 1);
            dx[i] = rng.nextInt(2 * padding + 1);
            flips[i] = flip && rng.nextBoolean();
        }
        return apply(batch, dy, dx, flips);
    }

    /**
     * Augments a batch with given choices: sample n is cropped at rows {@code dy[n]} and columns
     * {@code dx[n]} of the padded image (so {@code dy = dx = padding} is no shift), then mirrored
     * if {@code flip[n]}.
     *
     * @param batch normalised float batch N x C x H x W
     * @param dy row offsets in [0, 2 padding]
     * @param dx column offsets in [0, 2 padding]
     * @param flip horizontal flips
     * @return a new array on {@code batch}'s manager
     */
    public NDArray apply(NDArray batch, int[] dy, int[] dx, boolean[] flip) {
        Shape s = batch.getShape();
        if (s.dimension() != 4 || s.get(1) != fill.length) {
            throw new IllegalArgumentException(
                    "expected N x " + fill.length + " x H x W, got " + s);
        }
        int n = (int) s.get(0);
        int c = (int) s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        if (dy.length != n || dx.length != n || flip.length != n) {
            throw new IllegalArgumentException("need " + n + " offsets and flips");
        }
        int pw = w + 2 * padding;
        int ph = h + 2 * padding;
        // Index into the flattened padded image: out[n, c, i, j] = padded[n, c, dy+i, col(j)],
        // with col(j) = dx + j, or dx + W-1-j when flipped (crop first, then mirror the crop).
        long[] index = new long[n * h * w];
        int k = 0;
        for (int b = 0; b < n; b++) {
            if (dy[b] < 0 || dy[b] > 2 * padding || dx[b] < 0 || dx[b] > 2 * padding) {
                throw new IllegalArgumentException(
                        "offsets of sample " + b + " outside [0, " + 2 * padding + "]: dy "
                                + dy[b] + ", dx " + dx[b]);
            }
            for (int i = 0; i < h; i++) {
                long row = (long) (dy[b] + i) * pw;
                for (int j = 0; j < w; j++) {
                    index[k++] = row + dx[b] + (flip[b] ? w - 1 - j : j);
                }
            }
        }
        NDManager m = batch.getManager();
        try (NDManager tmp = m.newSubManager()) {
            NDArray fillArray = tmp.create(fill, new Shape(1, c, 1, 1));
            // pad() takes one scalar, so shift the batch to make raw 0 the value 0, pad with 0,
            // and shift back after the gather.
            NDArray shifted = batch.sub(fillArray);
            shifted.attach(tmp);
            NDArray padded =
                    shifted.pad(new Shape(padding, padding, padding, padding), 0)
                            .reshape(n, c, (long) ph * pw);
            padded.attach(tmp);
            NDArray idx = tmp.create(index, new Shape(n, 1, (long) h * w));
            NDArray idxAll = idx.broadcast(n, c, (long) h * w);
            NDArray out = padded.gather(idxAll, 2).reshape(n, c, h, w);
            out.addi(fillArray);
            out.attach(m);
            return out;
        }
    }
}
