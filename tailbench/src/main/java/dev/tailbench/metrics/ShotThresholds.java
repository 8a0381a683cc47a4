package dev.tailbench.metrics;

/**
 * Splits classes into many-shot (more than {@code many} training images), few-shot (fewer than
 * {@code few}) and medium-shot (the rest), as Kang et al. (2020) and the long-tail field do.
 *
 * @param many  a class with more training images than this is many-shot
 * @param few   a class with fewer training images than this is few-shot
 * @param basis how the thresholds were chosen, recorded with results
 */
public record ShotThresholds(double many, double few, String basis) {

    /** Head-class size of CIFAR-LT, the set the field's thresholds are usually quoted for. */
    public static final int REFERENCE_HEAD = 500;

    /** The field's thresholds: more than 100 / 20 to 100 / fewer than 20 training images. */
    public static ShotThresholds absolute() {
        return new ShotThresholds(100, 20, "absolute");
    }

    /**
     * The field's thresholds scaled by {@code headCount / 500}, so that a set whose head class has
     * {@code headCount} images splits like CIFAR-LT: identical to {@link #absolute()} for CIFAR-LT;
     * for Fashion-MNIST-LT (head 6,000) many-shot means more than 1,200 images.
     */
    public static ShotThresholds scaled(int headCount) {
        double factor = (double) headCount / REFERENCE_HEAD;
        return new ShotThresholds(100 * factor, 20 * factor, "scaled by head " + headCount + " / " + REFERENCE_HEAD);
    }

    /** The group of a class with {@code trainCount} training images. */
    public ShotGroup group(int trainCount) {
        if (trainCount > many) {
            return ShotGroup.MANY;
        }
        return trainCount < few ? ShotGroup.FEW : ShotGroup.MEDIUM;
    }
}
