package dev.tailbench.api;

/** Factories for the loss of a recipe. */
public final class Losses {

    /** Family name of loss specs. */
    public static final String FAMILY = "loss";

    private Losses() {
    }

    /** Softmax cross-entropy, the baseline of every table. */
    public static TrickSpec crossEntropy() {
        return TrickSpec.of(FAMILY, "cross-entropy");
    }
}
