package dev.tailbench.tricks.cam;

/**
 * The bounding box of a foreground mask, inclusive pixel bounds.
 *
 * @param top first row holding foreground
 * @param bottom last row holding foreground
 * @param left first column holding foreground
 * @param right last column holding foreground
 */
public record ForegroundBox(int top, int bottom, int left, int right) {

    /**
     * The box of a mask.
     *
     * @param mask row-major H x W mask with at least one {@code true}
     * @param height H
     * @param width W
     * @return the smallest box holding every foreground pixel
     * @throws IllegalArgumentException if the mask is empty or of the wrong size
     */
    public static ForegroundBox of(boolean[] mask, int height, int width) {
        if (mask.length != height * width) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, expected " + height + " x " + width);
        }
        int top = height;
        int bottom = -1;
        int left = width;
        int right = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (mask[y * width + x]) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        if (bottom < 0) {
            throw new IllegalArgumentException("empty foreground mask");
        }
        return new ForegroundBox(top, bottom, left, right);
    }

    /** @return the column of the box's centre, (left + right) / 2 */
    public double centreX() {
        return (left + right) / 2.0;
    }

    /** @return the row of the box's centre, (top + bottom) / 2 */
    public double centreY() {
        return (top + bottom) / 2.0;
    }
}
