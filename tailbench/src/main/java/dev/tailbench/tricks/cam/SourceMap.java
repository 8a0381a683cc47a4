package dev.tailbench.tricks.cam;

/**
 * An affine map from an output pixel (x, y) to the point of the input it is read from, i.e. the
 * inverse of the transform applied to the image: source x = xx x + xy y + x0, source y = yx x + yy
 * y + y0. Pixel centres sit at integer coordinates, as in OpenCV; the source is rounded to the
 * nearest pixel (nearest-neighbour sampling keeps uint8 pixels exact and needs one gather).
 *
 * @param xx d(source x) / dx
 * @param xy d(source x) / dy
 * @param x0 source x of output (0, 0)
 * @param yx d(source y) / dx
 * @param yy d(source y) / dy
 * @param y0 source y of output (0, 0)
 */
public record SourceMap(double xx, double xy, double x0, double yx, double yy, double y0) {

    /**
     * Mirror image: output column x shows input column W - 1 - x.
     *
     * @param width W
     * @return the map
     */
    public static SourceMap horizontalFlip(int width) {
        return new SourceMap(-1, 0, width - 1, 0, 1, 0);
    }

    /**
     * Shift by whole pixels: input (x, y) moves to (x + shiftX, y + shiftY).
     *
     * @param shiftX columns to the right
     * @param shiftY rows down
     * @return the map
     */
    public static SourceMap translation(int shiftX, int shiftY) {
        return new SourceMap(1, 0, -shiftX, 0, 1, -shiftY);
    }

    /**
     * The inverse of OpenCV's {@code getRotationMatrix2D(centre, degrees, scale)}, which maps an
     * input point p to c + scale R (p - c) with R = [[cos, sin], [-sin, cos]] (positive degrees turn
     * the image counter-clockwise on screen, rows growing downwards). The inverse is p = c + R^T
     * (q - c) / scale.
     *
     * @param centreX column of the fixed point
     * @param centreY row of the fixed point
     * @param degrees rotation angle
     * @param scale scaling factor, positive
     * @return the map
     */
    public static SourceMap rotationAndScale(double centreX, double centreY, double degrees, double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, got " + scale);
        }
        double radians = Math.toRadians(degrees);
        double cos = Math.cos(radians) / scale;
        double sin = Math.sin(radians) / scale;
        // source = c + [[cos, -sin], [sin, cos]] (q - c)
        return new SourceMap(cos, -sin, centreX - cos * centreX + sin * centreY,
                sin, cos, centreY - sin * centreX - cos * centreY);
    }

    /**
     * @param x output column
     * @param y output row
     * @return the nearest input column (may lie outside the image)
     */
    public int sourceColumn(int x, int y) {
        return (int) Math.floor(xx * x + xy * y + x0 + 0.5);
    }

    /**
     * @param x output column
     * @param y output row
     * @return the nearest input row (may lie outside the image)
     */
    public int sourceRow(int x, int y) {
        return (int) Math.floor(yx * x + yy * y + y0 + 0.5);
    }
}
