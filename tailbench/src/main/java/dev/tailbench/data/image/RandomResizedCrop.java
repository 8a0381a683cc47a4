package dev.tailbench.data.image;

import java.util.random.RandomGenerator;

/**
 * torchvision's {@code RandomResizedCrop(size, scale=(0.08, 1.0), ratio=(3/4, 4/3))}: up to ten
 * tries to draw a crop whose area is a uniform fraction of the image's within {@code scale} and
 * whose aspect ratio is log-uniform within {@code ratio}, at a uniform position; if none fits, the
 * whole image cropped to the nearest allowed ratio, centred. The crop is then resized with
 * {@link PilResample#bilinear}. The long-tail papers' ImageNet-LT, iNaturalist and Places-LT
 * recipes train with it at 224 pixels.
 *
 * @param size output side (square)
 * @param minScale lower end of the area fraction
 * @param maxScale upper end of the area fraction
 * @param minRatio lower end of the aspect ratio (width / height)
 * @param maxRatio upper end of the aspect ratio
 */
public record RandomResizedCrop(int size, double minScale, double maxScale, double minRatio, double maxRatio) {

    public RandomResizedCrop {
        if (size < 1 || !(minScale > 0) || minScale > maxScale || maxScale > 1 || !(minRatio > 0)
                || minRatio > maxRatio) {
            throw new IllegalArgumentException("RandomResizedCrop(size=" + size + ", scale=(" + minScale + ", "
                    + maxScale + "), ratio=(" + minRatio + ", " + maxRatio + "))");
        }
    }

    /** The papers' setting: scale (0.08, 1), ratio (3/4, 4/3). */
    public static RandomResizedCrop imageNet(int size) {
        return new RandomResizedCrop(size, 0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0);
    }

    /** A crop rectangle. */
    public record Box(int left, int top, int width, int height) {}

    /** The crop torchvision's {@code get_params} would choose with these draws. */
    public Box box(int width, int height, RandomGenerator random) {
        double area = (double) width * height;
        double logMin = Math.log(minRatio);
        double logMax = Math.log(maxRatio);
        for (int attempt = 0; attempt < 10; attempt++) {
            double targetArea = area * uniform(random, minScale, maxScale);
            double aspect = Math.exp(uniform(random, logMin, logMax));
            // Python's round(): half to even.
            int w = (int) Math.rint(Math.sqrt(targetArea * aspect));
            int h = (int) Math.rint(Math.sqrt(targetArea / aspect));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = random.nextInt(height - h + 1);
                int left = random.nextInt(width - w + 1);
                return new Box(left, top, w, h);
            }
        }
        // Fallback: the central crop of the largest allowed ratio.
        double inRatio = (double) width / height;
        int w;
        int h;
        if (inRatio < minRatio) {
            w = width;
            h = (int) Math.rint(w / minRatio);
        }
        else if (inRatio > maxRatio) {
            h = height;
            w = (int) Math.rint(h * maxRatio);
        }
        else {
            w = width;
            h = height;
        }
        return new Box((width - w) / 2, (height - h) / 2, w, h);
    }

    /** The crop of {@link #box}, resized to {@code size x size}. */
    public RgbImage apply(RgbImage image, RandomGenerator random) {
        Box box = box(image.width(), image.height(), random);
        return PilResample.bilinear(image.crop(box.left(), box.top(), box.width(), box.height()), size, size);
    }

    private static double uniform(RandomGenerator random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }
}
