package dev.tailbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.tailbench.spec.Budget;
import dev.tailbench.spec.PaperFigure;

/**
 * Judges a run's error against its budget. A failure's message says what was measured, against
 * which limit, and by how much it missed.
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
        return judge(result, budget, reference, List.of());
    }

    /**
     * The budget record and verdict of a result, with the published figures checked against the
     * run's protocol.
     *
     * @param paper the run's published figures, each with how the run's protocol differs from
     *              it (an empty list of differences: the figure applies)
     */
    public static RunResult judge(RunResult result, Budget budget, RunResult reference,
            List<Map.Entry<PaperFigure, List<String>>> paper) {
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
        List<BudgetRecord.PaperCheck> checks = new ArrayList<>();
        double paperLimit = Double.POSITIVE_INFINITY;
        PaperFigure binding = null;
        for (Map.Entry<PaperFigure, List<String>> entry : paper) {
            PaperFigure figure = entry.getKey();
            boolean applicable = entry.getValue().isEmpty();
            Double figureLimit = applicable ? figure.error() + figure.tolerance() : null;
            checks.add(new BudgetRecord.PaperCheck(figure.describe(), figure.error(), applicable, entry.getValue(),
                    figureLimit));
            if (applicable && figureLimit < paperLimit) {
                paperLimit = figureLimit;
                binding = figure;
            }
        }
        BudgetRecord record = new BudgetRecord(budget.hasAbsolute() ? budget.max() : null,
                budget.hasRelative() ? budget.notWorseThan().combination() : null,
                budget.hasRelative() ? budget.margin() : null, epoch, referenceError,
                Double.isInfinite(limit) ? null : limit, checks);
        String paperNote = paper.isEmpty() || binding != null ? ""
                : "; published " + checks.stream().map(c -> String.format(Locale.ROOT, "%.2f%% not applicable: %s",
                        c.error(), String.join(", ", c.mismatches()))).collect(Collectors.joining("; "));
        if (Double.isInfinite(limit) && binding == null) {
            if (!paper.isEmpty()) {
                return result.judged(record, new Verdict("not-applicable", measured, String.format(Locale.ROOT,
                        "%s seed %d: %s error %.2f%%%s", result.combination(), result.seed(), epoch, measured,
                        paperNote)));
            }
            return result.judged(record, new Verdict("no-budget", measured,
                    String.format(Locale.ROOT, "%s error %.2f%% (no budget)", epoch, measured)));
        }
        List<String> passedParts = new ArrayList<>();
        if (!Double.isInfinite(limit)) {
            String description = String.format(Locale.ROOT, "%s seed %d: top-1 error (%s epoch) %.2f%% against budget %s",
                    result.combination(), result.seed(), epoch, measured, against);
            if (!(measured <= limit)) {
                return result.judged(record, new Verdict("failed", measured, overBy(description, measured, limit)
                        + paperNote));
            }
            passedParts.add(description + String.format(Locale.ROOT, ": within by %.2f points", limit - measured));
        }
        if (binding != null) {
            double best = result.error("best-on-test");
            PaperFigure figure = binding;
            String description = String.format(Locale.ROOT,
                    "%s seed %d: top-1 error (best epoch) %.2f%% against published %s + %.2f = %.2f%%",
                    result.combination(), result.seed(), best, figure.describe(), figure.tolerance(), paperLimit);
            if (!(best <= paperLimit)) {
                return result.judged(record, new Verdict("failed", Double.isInfinite(limit) ? best : measured,
                        overBy(description, best, paperLimit)));
            }
            passedParts.add(description + String.format(Locale.ROOT, ": within by %.2f points", paperLimit - best));
        }
        return result.judged(record, new Verdict("passed", Double.isInfinite(limit) ? result.error("best-on-test") : measured,
                String.join("; ", passedParts) + paperNote));
    }

    /** A missed limit: what, by how much, and the two numbers (a NaN error misses every limit). */
    private static String overBy(String description, double measured, double limit) {
        return String.format(Locale.ROOT, "%s: over by %.2f points (measured %.2f%%, at most %.2f%% allowed)",
                description, measured - limit, measured, limit);
    }
}
