package dev.tailbench.data.image;

/**
 * PIL's {@code ImageEnhance.Brightness}, {@code Contrast} and {@code Color} (saturation), which
 * torchvision's {@code ColorJitter} applies to a PIL image: each blends the image with a
 * "degenerate" one, {@code out = degenerate + factor * (image - degenerate)}, in float, truncated
 * to 8 bits and, for factors above 1 (extrapolation), clipped. The degenerate images: black
 * (brightness), the image's mean grey level rounded (contrast), the image in grey (saturation);
 * grey is PIL's {@code convert("L")}, {@code (19595 r + 38470 g + 7471 b + 32768) >> 16}.
 * Checked against Pillow's output in {@code PilEnhanceTest}.
 */
public final class PilEnhance {

    private PilEnhance() {}

    /** {@code ImageEnhance.Brightness(image).enhance(factor)}. */
    public static RgbImage brightness(RgbImage image, double factor) {
        byte[] in = image.rgb();
        byte[] out = new byte[in.length];
        float alpha = (float) factor;
        for (int i = 0; i < in.length; i++) {
            out[i] = blend(0, in[i] & 0xff, alpha);
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /** {@code ImageEnhance.Contrast(image).enhance(factor)}. */
    public static RgbImage contrast(RgbImage image, double factor) {
        byte[] in = image.rgb();
        long sum = 0;
        int pixels = image.width() * image.height();
        for (int p = 0; p < pixels; p++) {
            sum += grey(in, p * 3);
        }
        // ImageStat's mean of the grey image, rounded as PIL does: int(mean + 0.5).
        int mean = (int) ((double) sum / pixels + 0.5);
        byte[] out = new byte[in.length];
        float alpha = (float) factor;
        for (int i = 0; i < in.length; i++) {
            out[i] = blend(mean, in[i] & 0xff, alpha);
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /** {@code ImageEnhance.Color(image).enhance(factor)}: saturation. */
    public static RgbImage saturation(RgbImage image, double factor) {
        byte[] in = image.rgb();
        byte[] out = new byte[in.length];
        float alpha = (float) factor;
        int pixels = image.width() * image.height();
        for (int p = 0; p < pixels; p++) {
            int g = grey(in, p * 3);
            for (int c = 0; c < 3; c++) {
                out[p * 3 + c] = blend(g, in[p * 3 + c] & 0xff, alpha);
            }
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /** PIL's RGB to L conversion of the pixel at {@code i}. */
    static int grey(byte[] rgb, int i) {
        return ((rgb[i] & 0xff) * 19595 + (rgb[i + 1] & 0xff) * 38470 + (rgb[i + 2] & 0xff) * 7471 + 0x8000) >> 16;
    }

    /** PIL's {@code ImagingBlend} of one value: float arithmetic, truncation, clipping when extrapolating. */
    private static byte blend(int degenerate, int value, float alpha) {
        float v = degenerate + alpha * (value - degenerate);
        if (alpha >= 0f && alpha <= 1f) {
            return (byte) (int) v;
        }
        if (v <= 0f) {
            return 0;
        }
        if (v >= 255f) {
            return (byte) 255;
        }
        return (byte) (int) v;
    }
}
