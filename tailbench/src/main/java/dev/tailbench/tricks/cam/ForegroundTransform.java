package dev.tailbench.tricks.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Moves the foreground of a batch of uint8 images and keeps the background, with one gather
 * for the whole batch whose index the host builds from the masks and the source maps.
 *
 * <p>The rule, per pixel p of an image with foreground F and source map s (nearest neighbour):
 * <ul>
 *   <li>p in the transformed foreground (s(p) inside the image and in F): the input at s(p);</li>
 *   <li>otherwise p in F, where the object was: the input at s(p) if that is inside the image,
 *       else {@link Uncovered} decides;</li>
 *   <li>everything else, the background outside both foregrounds: the input pixel unchanged.</li>
 * </ul>
 * This is what the reference code composes: it keeps the warped image on the union of the
 * original and the transformed foreground and the original image elsewhere, and where the warp
 * left black (source outside the image) the original shows through. With a mask covering the
 * whole image and {@link Uncovered#BLACK} the rule is a plain warp of the whole image, as
 * {@code cv2.warpAffine} with its default black border (ImageTrans).
 */
public final class ForegroundTransform {

    /** What a pixel of the pasted region shows when its source lies outside the image. */
    public enum Uncovered {
        /** The original pixel, as the reference's compositing gives (CAM-based sampling). */
        ORIGINAL,
        /** Black, value 0 in every channel (a whole-image warp). */
        BLACK
    }

    private ForegroundTransform() {
    }

    /**
     * Transforms a batch.
     *
     * @param images uint8 images N x C x H x W
     * @param masks per image, the row-major H x W foreground
     * @param maps per image, where each output pixel reads from
     * @param uncovered what pasted pixels whose source is outside the image show
     * @return new uint8 images N x C x H x W on {@code images}' manager
     */
    public static NDArray apply(NDArray images, boolean[][] masks, SourceMap[] maps, Uncovered uncovered) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || images.getDataType() != DataType.UINT8) {
            throw new IllegalArgumentException("expected uint8 N x C x H x W, got " + images.getDataType() + " " + s);
        }
        int n = (int) s.get(0);
        int c = (int) s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        if (masks.length != n || maps.length != n) {
            throw new IllegalArgumentException("need " + n + " masks and maps, got " + masks.length + " and " + maps.length);
        }
        long[] index = sourceIndex(masks, maps, uncovered, h, w);
        int pixels = h * w;
        NDManager m = images.getManager();
        try (NDManager tmp = m.newSubManager()) {
            NDArray flat = images.reshape(n, c, pixels);
            flat.attach(tmp);
            // One black pixel appended per channel: index H*W reads it.
            NDArray black = tmp.zeros(new Shape(n, c, 1), DataType.UINT8);
            NDArray padded = flat.concat(black, 2);
            padded.attach(tmp);
            NDArray idx = tmp.create(index, new Shape(n, 1, pixels));
            NDArray out = padded.gather(idx.broadcast(n, c, pixels), 2).reshape(n, c, h, w);
            out.attach(m);
            return out;
        }
    }

    /**
     * The gather index: for image b and pixel p = y W + x, the flat pixel (in [0, H W], H W being
     * black) that output pixel p of image b shows.
     */
    static long[] sourceIndex(boolean[][] masks, SourceMap[] maps, Uncovered uncovered, int h, int w) {
        int pixels = h * w;
        long[] index = new long[masks.length * pixels];
        for (int b = 0; b < masks.length; b++) {
            boolean[] mask = masks[b];
            if (mask.length != pixels) {
                throw new IllegalArgumentException("mask " + b + " has " + mask.length + " pixels, expected " + pixels);
            }
            SourceMap map = maps[b];
            int base = b * pixels;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = y * w + x;
                    int sx = map.sourceColumn(x, y);
                    int sy = map.sourceRow(x, y);
                    boolean inside = sx >= 0 && sx < w && sy >= 0 && sy < h;
                    int source = inside ? sy * w + sx : -1;
                    long chosen;
                    if (inside && mask[source]) {
                        chosen = source;
                    }
                    else if (mask[p]) {
                        chosen = inside ? source : uncovered == Uncovered.ORIGINAL ? p : pixels;
                    }
                    else {
                        chosen = p;
                    }
                    index[base + p] = chosen;
                }
            }
        }
        return index;
    }
}
