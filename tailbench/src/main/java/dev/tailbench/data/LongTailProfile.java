package dev.tailbench.data;

/**
 * How many training images each class keeps in a long-tailed split, given the head class's
 * count. Classes are ordered by label: class 0 is the head, the last class the rarest.
 */
public interface LongTailProfile {

    /**
     * Images to keep per class.
     *
     * @param headCount images of the head class (class 0), n_max
     * @param classCount number of classes, C
     */
    int[] counts(int headCount, int classCount);

    /** Short name of the profile family: "exponential", "step" or "none". */
    String name();

    /** Imbalance factor IF = n_max / n_min (1 for a balanced profile). */
    double imbalance();

    /**
     * The CIFAR-LT profile of Cao et al. (LDAM-DRW): n_i = floor(n_max * (1/IF)^(i/(C-1))),
     * computed in double exactly as the reference Python
     * {@code int(img_max * (imb_factor ** (cls_idx / (cls_num - 1.0))))}, so that the counts
     * (and hence the data sets) match the published ones.
     *
     * @param imbalance IF >= 1
     */
    static LongTailProfile exponential(double imbalance) {
        return new Profiles.Exponential(Profiles.checkImbalance(imbalance));
    }

    /** A step profile with half the classes in the minority, see {@link #step(double, double)}. */
    static LongTailProfile step(double imbalance) {
        return step(imbalance, 0.5);
    }

    /**
     * A step profile: the first floor((1 - minorityFraction) * C) classes (the majority) keep
     * n_max images, the others floor(n_max / IF).
     *
     * @param imbalance IF >= 1
     * @param minorityFraction fraction of classes in the minority, in [0, 1]
     */
    static LongTailProfile step(double imbalance, double minorityFraction) {
        if (!(minorityFraction >= 0 && minorityFraction <= 1)) {
            throw new IllegalArgumentException(
                    "minorityFraction must be in [0, 1], got " + minorityFraction);
        }
        return new Profiles.Step(Profiles.checkImbalance(imbalance), minorityFraction);
    }

    /** No imbalance: every class keeps n_max images. */
    static LongTailProfile none() {
        return Profiles.Balanced.INSTANCE;
    }

    /** The same as {@link #none()}, for call sites where "balanced" reads better. */
    static LongTailProfile balanced() {
        return none();
    }
}
