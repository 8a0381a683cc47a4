package dev.tailbench.tricks.cam;

/**
 * The three transforms of CAM-based sampling, in the order of the reference code's
 * {@code np.random.randint(0, 3)} choice.
 */
public enum TransformKind {

    /** Rotation by an angle in [-45, 45) degrees with scaling in [0.8, 1.2), about the foreground's box centre. */
    ROTATE_SCALE("rotate-scale"),

    /** Translation by whole pixels that keeps the foreground's bounding box inside the image. */
    TRANSLATE("translate"),

    /** Horizontal flip about the image's vertical centre line. */
    FLIP("flip");

    private final String label;

    TransformKind(String label) {
        this.label = label;
    }

    /** @return the name used in result files, e.g. {@code rotate-scale} */
    public String label() {
        return label;
    }
}
