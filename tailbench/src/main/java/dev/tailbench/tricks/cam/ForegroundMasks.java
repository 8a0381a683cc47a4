package dev.tailbench.tricks.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Foregrounds from class activation maps: the pixels whose map value is at least
 * {@code factor} times the map's mean (the reference code uses 3/4).
 */
public final class ForegroundMasks {

    private ForegroundMasks() {
    }

    /**
     * Thresholds every map of a batch and copies the masks to the host.
     *
     * @param cams float N x H x W, non-negative (as {@link ClassActivationMaps#forImages} gives),
     *     so that every mask holds at least the map's peak
     * @param factor the threshold as a multiple of each map's mean
     * @return per map, the row-major H x W mask
     */
    public static boolean[][] threshold(NDArray cams, double factor) {
        Shape s = cams.getShape();
        int n = (int) s.get(0);
        int pixels = (int) (s.get(1) * s.get(2));
        boolean[] all;
        try (NDArray flat = cams.reshape(n, pixels);
                NDArray mean = flat.mean(new int[] {1}, true);
                NDArray bar = mean.mul(factor);
                NDArray mask = flat.gte(bar)) {
            all = mask.toBooleanArray();
        }
        boolean[][] masks = new boolean[n][];
        for (int i = 0; i < n; i++) {
            masks[i] = Arrays.copyOfRange(all, i * pixels, (i + 1) * pixels);
        }
        return masks;
    }
}
