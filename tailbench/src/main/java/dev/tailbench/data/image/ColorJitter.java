package dev.tailbench.data.image;

import java.util.random.RandomGenerator;

/**
 * torchvision's {@code ColorJitter(brightness, contrast, saturation, hue=0)} on a PIL image: a
 * random order of the three adjustments, each with a factor drawn uniformly from
 * {@code [max(0, 1 - x), 1 + x]}, applied with {@link PilEnhance}. The long-tail papers' ImageNet-LT
 * and Places-LT recipes use 0.4 for all three (Kang et al. 2020's released configurations).
 * Hue is not offered: the recipes set it to 0, which torchvision skips.
 *
 * @param brightness x for brightness; 0 turns it off
 * @param contrast x for contrast; 0 turns it off
 * @param saturation x for saturation; 0 turns it off
 */
public record ColorJitter(double brightness, double contrast, double saturation) {

    public ColorJitter {
        if (!(brightness >= 0) || !(contrast >= 0) || !(saturation >= 0)) {
            throw new IllegalArgumentException("ColorJitter(" + brightness + ", " + contrast + ", " + saturation
                    + "): each must be >= 0");
        }
    }

    /** The order (a permutation of 0 brightness, 1 contrast, 2 saturation) and the factors drawn. */
    public record Draw(int[] order, double brightnessFactor, double contrastFactor, double saturationFactor) {}

    /** Draws, in torchvision's sequence: the order first, then each enabled factor. */
    public Draw draw(RandomGenerator random) {
        int[] order = {0, 1, 2};
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return new Draw(order, factor(brightness, random), factor(contrast, random), factor(saturation, random));
    }

    /** The image adjusted with a draw. */
    public static RgbImage apply(RgbImage image, Draw draw) {
        RgbImage out = image;
        for (int step : draw.order()) {
            out = switch (step) {
                case 0 -> Double.isNaN(draw.brightnessFactor()) ? out : PilEnhance.brightness(out, draw.brightnessFactor());
                case 1 -> Double.isNaN(draw.contrastFactor()) ? out : PilEnhance.contrast(out, draw.contrastFactor());
                default -> Double.isNaN(draw.saturationFactor()) ? out : PilEnhance.saturation(out, draw.saturationFactor());
            };
        }
        return out;
    }

    public RgbImage apply(RgbImage image, RandomGenerator random) {
        return apply(image, draw(random));
    }

    /** A factor from [max(0, 1 - x), 1 + x]; NaN (skip) for x = 0, as torchvision skips it. */
    private static double factor(double x, RandomGenerator random) {
        if (x == 0) {
            return Double.NaN;
        }
        double low = Math.max(0, 1 - x);
        return low + (1 + x - low) * random.nextDouble();
    }
}
