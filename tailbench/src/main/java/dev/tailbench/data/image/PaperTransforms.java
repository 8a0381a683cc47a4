package dev.tailbench.data.image;

import java.util.random.RandomGenerator;

/**
 * The augmentation of the long-tail papers' large benchmarks (the configurations released with
 * Kang et al., ICLR 2020, which Bag of Tricks, BALMS and their successors train with), as
 * torchvision composes it:
 * <ul>
 *   <li>training: {@code RandomResizedCrop(224)}, {@code RandomHorizontalFlip()},
 *       {@code ColorJitter(0.4, 0.4, 0.4, 0)}, {@code ToTensor()}, {@code Normalize(mean, std)};
 *   <li>evaluation: {@code Resize(256)} (shorter side), {@code CenterCrop(224)}, {@code ToTensor()},
 *       {@code Normalize(mean, std)}.
 * </ul>
 * The statistics: ImageNet's for ImageNet-LT and Places-LT, iNaturalist 2018's own for it (the same
 * release's {@code RGB_statistics}).
 *
 * @param cropSize 224 in the papers
 * @param resizeSize 256 in the papers
 * @param mean per channel, of pixels scaled to [0, 1]
 * @param std per channel
 * @param jitter the colour jitter of training
 */
public record PaperTransforms(int cropSize, int resizeSize, float[] mean, float[] std, ColorJitter jitter) {

    /** ImageNet's channel statistics (ImageNet-LT, Places-LT). */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};
    /** iNaturalist 2018's channel statistics as the papers' code gives them. */
    public static final float[] INATURALIST_MEAN = {0.466f, 0.471f, 0.380f};
    public static final float[] INATURALIST_STD = {0.195f, 0.194f, 0.192f};

    public PaperTransforms {
        if (cropSize < 1 || resizeSize < cropSize || mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("crop " + cropSize + ", resize " + resizeSize + ", " + mean.length
                    + " means, " + std.length + " stds");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** ImageNet-LT and Places-LT. */
    public static PaperTransforms imageNet() {
        return new PaperTransforms(224, 256, IMAGENET_MEAN, IMAGENET_STD, new ColorJitter(0.4, 0.4, 0.4));
    }

    /** iNaturalist 2018. */
    public static PaperTransforms iNaturalist() {
        return new PaperTransforms(224, 256, INATURALIST_MEAN, INATURALIST_STD, new ColorJitter(0.4, 0.4, 0.4));
    }

    /** A training image, augmented, as normalised CHW floats written into {@code out} from {@code offset}. */
    public void train(RgbImage image, RandomGenerator random, float[] out, int offset) {
        RgbImage crop = RandomResizedCrop.imageNet(cropSize).apply(image, random);
        // RandomHorizontalFlip: torch.rand(1) < 0.5.
        if (random.nextDouble() < 0.5) {
            crop = crop.flipHorizontally();
        }
        jitter.apply(crop, random).toNormalisedChw(mean, std, out, offset);
    }

    /** An evaluation image: shorter side resized, centre crop, normalised CHW floats. */
    public void evaluate(RgbImage image, float[] out, int offset) {
        centreCrop(resizeShorterSide(image, resizeSize), cropSize).toNormalisedChw(mean, std, out, offset);
    }

    /**
     * torchvision's {@code Resize(size)} with one number: the shorter side becomes {@code size}, the
     * longer {@code int(size * long / short)} (truncated, as torchvision 0.14 computes it).
     */
    public static RgbImage resizeShorterSide(RgbImage image, int size) {
        int w = image.width();
        int h = image.height();
        if ((w <= h && w == size) || (h <= w && h == size)) {
            return image;
        }
        int outW;
        int outH;
        if (w < h) {
            outW = size;
            outH = (int) ((long) size * h / w);
        }
        else {
            outH = size;
            outW = (int) ((long) size * w / h);
        }
        return PilResample.bilinear(image, outW, outH);
    }

    /**
     * torchvision's {@code CenterCrop(size)} of an image at least that large: offsets
     * {@code int(round((side - size) / 2))}, Python's round (half to even).
     */
    public static RgbImage centreCrop(RgbImage image, int size) {
        if (image.width() < size || image.height() < size) {
            throw new IllegalArgumentException("centre crop of " + size + " from a " + image.width() + "x"
                    + image.height() + " image");
        }
        int top = (int) Math.rint((image.height() - size) / 2.0);
        int left = (int) Math.rint((image.width() - size) / 2.0);
        return image.crop(left, top, size, size);
    }
}
