package dev.tailbench.tricks.cam;

import java.util.random.RandomGenerator;

/**
 * One randomly drawn transform of CAM-based sampling or ImageTrans, with the parameters it was
 * drawn with (those that do not apply to its kind are 0, or 1 for the scale).
 *
 * <p>Draws, in this order: the kind, uniform over the three; then for {@link TransformKind#ROTATE_SCALE}
 * the angle, uniform in [-45, 45) degrees, and the scale, uniform in [0.8, 1.2); for
 * {@link TransformKind#TRANSLATE} the column shift, then the row shift, uniform integers. The
 * reference code draws whole degrees and whole percent ({@code randint(-45, 45)},
 * {@code randint(80, 120) / 100}); continuous draws cover the same ranges.
 *
 * @param kind which transform
 * @param degrees rotation angle (rotate-scale only)
 * @param scale scaling factor (rotate-scale only)
 * @param shiftX columns to the right (translate only)
 * @param shiftY rows down (translate only)
 * @param centreX column rotation and scaling are about
 * @param centreY row rotation and scaling are about
 */
public record RandomTransform(
        TransformKind kind, double degrees, double scale, int shiftX, int shiftY, double centreX, double centreY) {

    /** Largest rotation, in degrees, either way. */
    public static final double MAX_DEGREES = 45;

    /** Smallest scaling factor. */
    public static final double MIN_SCALE = 0.8;

    /** Bound (exclusive) of the scaling factor. */
    public static final double MAX_SCALE = 1.2;

    /**
     * Largest ImageTrans shift as a fraction of the image side. The reference code has no ImageTrans;
     * CAM-based translation keeps the foreground box inside the image, which for the whole image
     * would allow no shift at all, so the whole image moves by up to a quarter of its side (8 pixels
     * on CIFAR) and the uncovered strip turns black.
     */
    public static final double WHOLE_IMAGE_SHIFT_FRACTION = 0.25;

    /**
     * A transform of a foreground: rotation and scaling about the box centre, or a translation that
     * keeps the box inside the image ({@code randint(-left, W - right)} as the reference, with the
     * true box), or a flip.
     *
     * @param random source of the draws
     * @param box the foreground's bounding box
     * @param height image height H
     * @param width image width W
     * @return the drawn transform
     */
    public static RandomTransform forForeground(RandomGenerator random, ForegroundBox box, int height, int width) {
        if (box.top() < 0 || box.bottom() >= height || box.left() < 0 || box.right() >= width) {
            throw new IllegalArgumentException(box + " outside a " + height + " x " + width + " image");
        }
        return draw(random, box.centreX(), box.centreY(),
                -box.left(), width - 1 - box.right(), -box.top(), height - 1 - box.bottom());
    }

    /**
     * A transform of the whole image (ImageTrans): rotation and scaling about the image centre, a
     * shift of up to {@link #WHOLE_IMAGE_SHIFT_FRACTION} of each side either way, or a flip.
     *
     * @param random source of the draws
     * @param height image height H
     * @param width image width W
     * @return the drawn transform
     */
    public static RandomTransform forWholeImage(RandomGenerator random, int height, int width) {
        int maxX = (int) (width * WHOLE_IMAGE_SHIFT_FRACTION);
        int maxY = (int) (height * WHOLE_IMAGE_SHIFT_FRACTION);
        return draw(random, (width - 1) / 2.0, (height - 1) / 2.0, -maxX, maxX, -maxY, maxY);
    }

    private static RandomTransform draw(
            RandomGenerator random, double centreX, double centreY, int minX, int maxX, int minY, int maxY) {
        TransformKind[] kinds = TransformKind.values();
        TransformKind kind = kinds[random.nextInt(kinds.length)];
        return switch (kind) {
            case ROTATE_SCALE -> {
                double degrees = random.nextDouble(-MAX_DEGREES, MAX_DEGREES);
                double scale = random.nextDouble(MIN_SCALE, MAX_SCALE);
                yield new RandomTransform(kind, degrees, scale, 0, 0, centreX, centreY);
            }
            case TRANSLATE -> {
                int shiftX = random.nextInt(minX, maxX + 1);
                int shiftY = random.nextInt(minY, maxY + 1);
                yield new RandomTransform(kind, 0, 1, shiftX, shiftY, centreX, centreY);
            }
            case FLIP -> new RandomTransform(kind, 0, 1, 0, 0, centreX, centreY);
        };
    }

    /**
     * @param width image width W (a flip mirrors about its centre line)
     * @return where each output pixel reads from
     */
    public SourceMap sourceMap(int width) {
        return switch (kind) {
            case ROTATE_SCALE -> SourceMap.rotationAndScale(centreX, centreY, degrees, scale);
            case TRANSLATE -> SourceMap.translation(shiftX, shiftY);
            case FLIP -> SourceMap.horizontalFlip(width);
        };
    }
}
