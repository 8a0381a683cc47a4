package dev.tailbench.api;

/** Factories for the sampler that decides which training images make up an epoch. */
public final class Samplers {

    /** Family name of sampler specs. */
    public static final String FAMILY = "sampler";

    private Samplers() {
    }

    /** Every training image once per epoch, shuffled: the natural long-tailed distribution. */
    public static TrickSpec instanceBalanced() {
        return TrickSpec.of(FAMILY, "instance-balanced");
    }
}
