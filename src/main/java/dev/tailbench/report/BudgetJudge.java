package dev.tailbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import dev.tailbench.spec.Budget;

/**
 * Judges a run's error against its budget. The failure message is AssertJ's, prefixed with a
 * description that says what was measured, against which limit, and by how much it missed.
 */
public final class BudgetJudge {

    private BudgetJudge() {
    }

    /**
     * The budget record and verdict of a result.
     *
     * @param result    the run
     * @param budget    its budget
     * @param reference the referenced combination's result (same seed), or null without one
     */
    public static RunResult judge(RunResult result, Budget budget, RunResult reference) {
        String epoch = budget.epoch();
        double measured = result.error(epoch);
        Double referenceError = reference == null ? null : reference.error(epoch);
        double limit = Double.POSITIVE_INFINITY;
        StringBuilder against = new StringBuilder();
        if (budget.hasAbsolute()) {
            limit = budget.max();
            against.append(String.format(Locale.ROOT, "max %.2f%%", budget.max()));
        }
        if (referenceError != null) {
            double relative = referenceError + budget.margin();
            if (against.length() > 0) {
                against.append(" and ");
            }
            against.append(String.format(Locale.ROOT, "%s's %.2f%% %+.2f = %.2f%%", reference.combination(),
                    referenceError, budget.margin(), relative));
            limit = Math.min(limit, relative);
        }
        BudgetRecord record = new BudgetRecord(budget.hasAbsolute() ? budget.max() : null,
                budget.hasRelative() ? budget.notWorseThan().combination() : null,
                budget.hasRelative() ? budget.margin() : null, epoch, referenceError,
                Double.isInfinite(limit) ? null : limit);
        if (Double.isInfinite(limit)) {
            return result.judged(record, new Verdict("no-budget", measured,
                    String.format(Locale.ROOT, "%s error %.2f%% (no budget)", epoch, measured)));
        }
        String description = String.format(Locale.ROOT, "%s seed %d: top-1 error (%s epoch) %.2f%% against budget %s",
                result.combination(), result.seed(), epoch, measured, against);
        double binding = limit;
        try {
            assertThat(measured)
                    .as(() -> description + String.format(Locale.ROOT, ": over by %.2f points", measured - binding))
                    .isLessThanOrEqualTo(binding);
        }
        catch (AssertionError failure) {
            return result.judged(record, new Verdict("failed", measured, failure.getMessage()));
        }
        return result.judged(record, new Verdict("passed", measured,
                description + String.format(Locale.ROOT, ": within by %.2f points", limit - measured)));
    }
}
