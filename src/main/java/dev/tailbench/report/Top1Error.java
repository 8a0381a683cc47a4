package dev.tailbench.report;

/**
 * Top-1 test error (%) at the best and at the last epoch.
 *
 * @param best      lowest error over all epochs (selected on the test set, as the papers' code does)
 * @param bestEpoch 1-based epoch of {@code best}
 * @param last      error after the final epoch
 */
public record Top1Error(double best, int bestEpoch, double last) {
}
