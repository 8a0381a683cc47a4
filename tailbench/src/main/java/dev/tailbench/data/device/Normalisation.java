package dev.tailbench.data.device;

/** Argument checks shared by the classes that take per-channel mean and std. */
final class Normalisation {

    private Normalisation() {}

    static void check(double[] mean, double[] std, int channels) {
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException(
                    "mean and std need " + channels + " values, got " + mean.length + " and "
                            + std.length);
        }
        for (double s : std) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("std must be positive and finite, got " + s);
            }
        }
    }
}
