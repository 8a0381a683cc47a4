package dev.tailbench.tricks.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Bilinear resizing of a batch of single-channel maps with OpenCV's {@code cv2.resize(...,
 * INTER_LINEAR)} sampling rule, done as two matrix products (rows, then columns): separable
 * interpolation is linear, so out = R_rows x map x R_cols^T for every map of the batch.
 *
 * <p>OpenCV's rule per axis: output pixel d reads input coordinate f = (d + 0.5) from / to - 0.5,
 * weight 1 - (f - floor f) on floor f and f - floor f on the next pixel, clamped to the edge pixel
 * outside [0, from - 1]. OpenCV computes uint8 maps in fixed point; these weights are exact.
 */
public final class BilinearResize {

    private BilinearResize() {
    }

    /**
     * The interpolation matrix of one axis.
     *
     * @param from input length
     * @param to output length
     * @return row-major {@code to x from} weights; each row sums to 1
     */
    public static float[] weights(int from, int to) {
        if (from < 1 || to < 1) {
            throw new IllegalArgumentException("lengths must be positive, got " + from + " -> " + to);
        }
        float[] matrix = new float[to * from];
        double step = (double) from / to;
        for (int d = 0; d < to; d++) {
            double f = (d + 0.5) * step - 0.5;
            int lower = (int) Math.floor(f);
            double frac = f - lower;
            if (lower < 0) {
                lower = 0;
                frac = 0;
            }
            if (lower >= from - 1) {
                lower = from - 1;
                frac = 0;
            }
            matrix[d * from + lower] += (float) (1 - frac);
            if (frac > 0) {
                matrix[d * from + lower + 1] += (float) frac;
            }
        }
        return matrix;
    }

    /**
     * Resizes every map of a batch.
     *
     * @param maps float N x h x w
     * @param height output H
     * @param width output W
     * @return float N x H x W on {@code maps}' manager
     */
    public static NDArray resize(NDArray maps, int height, int width) {
        Shape s = maps.getShape();
        if (s.dimension() != 3) {
            throw new IllegalArgumentException("expected N x h x w maps, got " + s);
        }
        int h = (int) s.get(1);
        int w = (int) s.get(2);
        NDManager m = maps.getManager();
        try (NDManager tmp = m.newSubManager()) {
            NDArray rows = tmp.create(weights(h, height), new Shape(height, h));
            NDArray columnsT = tmp.create(weights(w, width), new Shape(width, w)).transpose();
            // matmul broadcasts the matrices over the batch axis.
            NDArray out = rows.matMul(maps).matMul(columnsT);
            out.attach(m);
            return out;
        }
    }
}
