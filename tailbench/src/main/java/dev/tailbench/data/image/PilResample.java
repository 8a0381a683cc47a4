package dev.tailbench.data.image;

/**
 * PIL's bilinear resize ({@code Image.resize(size, Image.BILINEAR)}, which torchvision's
 * {@code Resize} and {@code RandomResizedCrop} call on a PIL image), reproduced to the byte: a
 * separable convolution, horizontal pass first, with the triangle filter widened by the scale
 * factor when shrinking (PIL's antialiasing), weights normalised per output pixel and rounded to
 * 22-bit fixed point, each pass rounding and clipping to 8 bits. Nearest-neighbour or plain
 * 2x2 bilinear interpolation would give other pixels when shrinking, and networks trained on
 * one are measurably off on the other.
 *
 * <p>Written from PIL's documented algorithm ({@code libImaging/Resample.c}, Pillow 9); checked
 * against Pillow's output in {@code PilResampleTest}.
 */
public final class PilResample {

    /** PIL's {@code PRECISION_BITS} for 8-bit images: 32 - 8 - 2. */
    private static final int PRECISION_BITS = 22;

    private PilResample() {}

    /** The image resized to {@code outWidth x outHeight}. */
    public static RgbImage bilinear(RgbImage image, int outWidth, int outHeight) {
        if (outWidth < 1 || outHeight < 1) {
            throw new IllegalArgumentException("resize to " + outWidth + "x" + outHeight);
        }
        boolean horizontal = outWidth != image.width();
        boolean vertical = outHeight != image.height();
        Coefficients columns = Coefficients.of(image.width(), outWidth);
        Coefficients rows = Coefficients.of(image.height(), outHeight);
        RgbImage current = image;
        int firstRow = 0;
        if (horizontal) {
            // Only the rows the vertical pass will read.
            firstRow = vertical ? rows.start[0] : 0;
            int lastRow = vertical ? rows.start[outHeight - 1] + rows.length[outHeight - 1] : image.height();
            current = horizontalPass(image, columns, firstRow, lastRow - firstRow);
        }
        if (vertical) {
            current = verticalPass(current, rows, horizontal ? firstRow : 0);
        }
        return current == image ? new RgbImage(image.width(), image.height(), image.rgb().clone()) : current;
    }

    private static RgbImage horizontalPass(RgbImage in, Coefficients k, int firstRow, int rowCount) {
        int outWidth = k.start.length;
        byte[] src = in.rgb();
        byte[] out = new byte[outWidth * rowCount * 3];
        int inWidth = in.width();
        for (int y = 0; y < rowCount; y++) {
            int rowBase = (y + firstRow) * inWidth * 3;
            for (int x = 0; x < outWidth; x++) {
                int start = k.start[x];
                int length = k.length[x];
                int w = x * k.size;
                int r = 1 << (PRECISION_BITS - 1);
                int g = r;
                int b = r;
                for (int i = 0; i < length; i++) {
                    int p = rowBase + (start + i) * 3;
                    int weight = k.weights[w + i];
                    r += (src[p] & 0xff) * weight;
                    g += (src[p + 1] & 0xff) * weight;
                    b += (src[p + 2] & 0xff) * weight;
                }
                int o = (y * outWidth + x) * 3;
                out[o] = clip8(r);
                out[o + 1] = clip8(g);
                out[o + 2] = clip8(b);
            }
        }
        return new RgbImage(outWidth, rowCount, out);
    }

    /** {@code rowOffset}: the input's row 0 is the source's row {@code rowOffset}. */
    private static RgbImage verticalPass(RgbImage in, Coefficients k, int rowOffset) {
        int outHeight = k.start.length;
        int width = in.width();
        byte[] src = in.rgb();
        byte[] out = new byte[width * outHeight * 3];
        for (int y = 0; y < outHeight; y++) {
            int start = k.start[y] - rowOffset;
            int length = k.length[y];
            int w = y * k.size;
            for (int x = 0; x < width; x++) {
                int r = 1 << (PRECISION_BITS - 1);
                int g = r;
                int b = r;
                for (int i = 0; i < length; i++) {
                    int p = ((start + i) * width + x) * 3;
                    int weight = k.weights[w + i];
                    r += (src[p] & 0xff) * weight;
                    g += (src[p + 1] & 0xff) * weight;
                    b += (src[p + 2] & 0xff) * weight;
                }
                int o = (y * width + x) * 3;
                out[o] = clip8(r);
                out[o + 1] = clip8(g);
                out[o + 2] = clip8(b);
            }
        }
        return new RgbImage(width, outHeight, out);
    }

    private static byte clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /** The triangle filter; support 1. */
    private static double triangle(double x) {
        double a = Math.abs(x);
        return a < 1.0 ? 1.0 - a : 0.0;
    }

    /** Per output pixel: the first input pixel, how many, and their fixed-point weights. */
    private record Coefficients(int[] start, int[] length, int[] weights, int size) {

        static Coefficients of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // the triangle's support (1) widened when shrinking
            int size = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[outSize];
            int[] length = new int[outSize];
            int[] weights = new int[outSize * size];
            double[] k = new double[size];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                double ss = 1.0 / filterScale;
                // PIL rounds the window's ends by adding 0.5 and truncating toward zero.
                int xmin = Math.max((int) (center - support + 0.5), 0);
                int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
                double total = 0;
                for (int x = 0; x < xmax; x++) {
                    k[x] = triangle((x + xmin - center + 0.5) * ss);
                    total += k[x];
                }
                for (int x = 0; x < xmax; x++) {
                    double normalised = total != 0.0 ? k[x] / total : k[x];
                    double fixed = normalised * (1 << PRECISION_BITS);
                    weights[xx * size + x] = (int) (normalised < 0 ? -0.5 + fixed : 0.5 + fixed);
                }
                start[xx] = xmin;
                length[xx] = xmax;
            }
            return new Coefficients(start, length, weights, size);
        }
    }
}
