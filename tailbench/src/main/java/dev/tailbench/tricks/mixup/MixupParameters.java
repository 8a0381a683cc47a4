package dev.tailbench.tricks.mixup;

/** Checks of hyper-parameters for objectives built directly rather than from a validated spec. */
final class MixupParameters {

    private MixupParameters() {
    }

    static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + value);
        }
        return value;
    }
}
