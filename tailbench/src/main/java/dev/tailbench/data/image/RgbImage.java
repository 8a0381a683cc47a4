package dev.tailbench.data.image;

import java.util.Objects;

/**
 * An 8-bit RGB image, pixels interleaved row by row ({@code r, g, b} of (0,0), then (1,0), ...),
 * as PIL holds an "RGB" image and a JPEG decoder produces it. Immutable by convention: operations
 * return new images and never change their input's array.
 *
 * @param width columns
 * @param height rows
 * @param rgb {@code width * height * 3} bytes
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        Objects.requireNonNull(rgb, "rgb");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image of " + width + "x" + height + " pixels");
        }
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException(rgb.length + " bytes for " + width + "x" + height + " RGB pixels");
        }
    }

    /** The value (0-255) of channel {@code c} (0 red, 1 green, 2 blue) at column x, row y. */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }

    /** The pixels of a rectangle, as PIL's {@code crop((left, top, left + w, top + h))} inside the image. */
    public RgbImage crop(int left, int top, int cropWidth, int cropHeight) {
        if (left < 0 || top < 0 || cropWidth < 1 || cropHeight < 1 || left + cropWidth > width
                || top + cropHeight > height) {
            throw new IllegalArgumentException("crop " + cropWidth + "x" + cropHeight + " at (" + left + ", " + top
                    + ") outside a " + width + "x" + height + " image");
        }
        byte[] out = new byte[cropWidth * cropHeight * 3];
        for (int y = 0; y < cropHeight; y++) {
            System.arraycopy(rgb, ((top + y) * width + left) * 3, out, y * cropWidth * 3, cropWidth * 3);
        }
        return new RgbImage(cropWidth, cropHeight, out);
    }

    /** Mirrored left to right. */
    public RgbImage flipHorizontally() {
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                System.arraycopy(rgb, (y * width + x) * 3, out, (y * width + width - 1 - x) * 3, 3);
            }
        }
        return new RgbImage(width, height, out);
    }

    /**
     * CHW floats, each {@code (value / 255 - mean[c]) / std[c]}: torchvision's {@code ToTensor}
     * then {@code Normalize}, written into {@code out} from {@code offset}.
     */
    public void toNormalisedChw(float[] mean, float[] std, float[] out, int offset) {
        int plane = width * height;
        for (int c = 0; c < 3; c++) {
            // ToTensor divides by 255 in float32; Normalize subtracts and divides in float32.
            float m = mean[c];
            float s = std[c];
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                float v = (rgb[i * 3 + c] & 0xff) / 255f;
                out[base + i] = (v - m) / s;
            }
        }
    }
}
