package dev.tailbench.report;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * Top-1 test error (%) at the last epoch, at the epoch the validation split selects, and the
 * lowest over all epochs.
 *
 * @param bestOnTest              lowest test error over all epochs: selected on the test set, as
 *                                the papers' code bases report it; kept for parity with published
 *                                figures, never a model selection of tailbench's own
 * @param bestOnTestEpoch         1-based epoch of {@code bestOnTest}
 * @param last                    error after the final epoch
 * @param validationSelected      test error at the epoch with the lowest validation error (the
 *                                earliest of equals); null without a validation split
 * @param validationSelectedEpoch 1-based epoch of {@code validationSelected}; null without a split
 */
public record Top1Error(@JsonAlias("best") double bestOnTest, @JsonAlias("bestEpoch") int bestOnTestEpoch, double last,
        Double validationSelected, Integer validationSelectedEpoch) {

    /** Without a validation split. */
    public Top1Error(double bestOnTest, int bestOnTestEpoch, double last) {
        this(bestOnTest, bestOnTestEpoch, last, null, null);
    }
}
