package dev.tailbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.tailbench.io.AtomicFiles;
import dev.tailbench.report.stats.PairedDifference;

/**
 * One row per combination of an experiment, over its seeds: the measured error (mean, SD and
 * confidence interval with several seeds), the budget, the published figure and the difference from
 * it, the comparison with the reference and its p-value, the paired difference from the
 * experiment's baseline with its confidence interval, and the verdict. Written as
 * {@code summary.md} and {@code summary.csv} in the experiment's results directory when the
 * experiment ends.
 */
public final class ExperimentSummary {

    static final List<String> HEADER = List.of("combination", "seeds", "last-epoch error %", "interval",
            "validation-selected error %", "best-on-test error %", "budget", "published", "vs published", "vs reference", "vs baseline", "verdict");

    private ExperimentSummary() {}

    /**
     * The rows of an experiment.
     *
     * @param results    the experiment's run results, any order
     * @param seeds      its summaries over seeds, by combination
     * @param baseline   the combination every other is compared with, or {@code null}
     * @param confidence the level of the baseline comparison's interval, e.g. 0.95
     */
    public static List<List<String>> rows(List<RunResult> results, Map<String, SeedsResult> seeds, String baseline,
            double confidence) {
        Map<String, List<RunResult>> byCombination = results.stream()
                .sorted(Comparator.comparingLong(RunResult::seed))
                .collect(Collectors.groupingBy(RunResult::combination, LinkedHashMap::new, Collectors.toList()));
        List<RunResult> baselineRuns = baseline == null ? List.of() : byCombination.getOrDefault(baseline, List.of());
        List<List<String>> rows = new ArrayList<>();
        byCombination.forEach((combination, runs) -> {
            List<String> row = new ArrayList<>(row(combination, runs, seeds.get(combination)));
            row.add(row.size() - 1, combination.equals(baseline) ? "baseline"
                    : versusBaseline(baseline, runs, baselineRuns, confidence));
            rows.add(List.copyOf(row));
        });
        return rows;
    }

    /**
     * The paired difference from the baseline over the seeds both have whole results for: the
     * difference alone for one seed, with interval and p-value for several.
     */
    static String versusBaseline(String baseline, List<RunResult> runs, List<RunResult> baselineRuns,
            double confidence) {
        if (baseline == null) {
            return "";
        }
        Map<Long, Double> reference = new LinkedHashMap<>();
        baselineRuns.stream().filter(RunResult::complete).forEach(r -> reference.put(r.seed(), r.top1Error().last()));
        List<RunResult> paired = runs.stream().filter(RunResult::complete).filter(r -> reference.containsKey(r.seed()))
                .toList();
        if (paired.isEmpty()) {
            return baseline + ": no common seed";
        }
        double[] errors = paired.stream().mapToDouble(r -> r.top1Error().last()).toArray();
        double[] base = paired.stream().mapToDouble(r -> reference.get(r.seed())).toArray();
        if (paired.size() == 1) {
            return String.format(Locale.ROOT, "%s %+.2f (1 seed)", baseline, errors[0] - base[0]);
        }
        return baseline + " " + PairedDifference.of(errors, base, confidence).describe();
    }

    private static List<String> row(String combination, List<RunResult> runs, SeedsResult summary) {
        List<RunResult> measured = runs.stream().filter(r -> r.top1Error() != null).toList();
        String seeds = runs.stream().map(r -> Long.toString(r.seed())).collect(Collectors.joining(","));
        String last;
        String interval = "";
        String best;
        if (summary != null) {
            last = String.format(Locale.ROOT, "%.2f ± %.2f", summary.lastError().mean(),
                    summary.lastError().standardDeviation());
            interval = String.format(Locale.ROOT, "%.2f to %.2f (%.0f%%)", summary.lastError().low(),
                    summary.lastError().high(), summary.lastError().confidence() * 100);
            best = String.format(Locale.ROOT, "%.2f ± %.2f", summary.bestError().mean(),
                    summary.bestError().standardDeviation());
        } else {
            last = measured.isEmpty() ? "-" : format(mean(measured, false));
            best = measured.isEmpty() ? "-" : format(mean(measured, true));
        }
        RunResult first = runs.get(0);
        BudgetRecord budget = first.budget();
        String published = "";
        String versusPublished = "";
        if (budget != null && budget.paper() != null && !budget.paper().isEmpty()) {
            BudgetRecord.PaperCheck figure = budget.paper().stream().filter(BudgetRecord.PaperCheck::applicable)
                    .findFirst().orElse(budget.paper().get(0));
            published = String.format(Locale.ROOT, "%.2f (%s)", figure.error(), figure.applicable() ? "applies"
                    : "not applicable: " + String.join(", ", figure.mismatches()));
            if (!measured.isEmpty()) {
                versusPublished = String.format(Locale.ROOT, "%+.2f", mean(measured, true) - figure.error());
            }
        }
        String versusReference = "";
        if (summary != null && summary.comparison() != null) {
            versusReference = String.format(Locale.ROOT, "%s %+.2f (p = %.4f)", summary.reference(),
                    summary.comparison().meanDifference(), summary.comparison().pValue());
        } else if (budget != null && budget.notWorseThan() != null && budget.referenceError() != null && !measured.isEmpty()) {
            versusReference = String.format(Locale.ROOT, "%s %+.2f", budget.notWorseThan(),
                    first.error(budget.epoch()) - budget.referenceError());
        }
        List<RunResult> validated = measured.stream().filter(r -> r.top1Error().validationSelected() != null).toList();
        String validation = validated.isEmpty() ? "-" : seedsSummary(validated.stream()
                .mapToDouble(r -> r.top1Error().validationSelected()).toArray());
        return List.of(combination, seeds, last, interval, validation, best, budget(budget, summary), published,
                versusPublished, versusReference, verdict(runs, summary));
    }

    /** The budget as declared: a multi-seed run's own record lacks the relative part, which its summary holds. */
    private static String budget(BudgetRecord budget, SeedsResult summary) {
        List<String> parts = new ArrayList<>();
        if (budget != null && budget.max() != null) {
            parts.add(String.format(Locale.ROOT, "max %.2f", budget.max()));
        }
        if (summary != null && summary.comparison() != null) {
            parts.add(String.format(Locale.ROOT, "%s %+.2f (paired test)", summary.reference(),
                    summary.comparison().margin()));
        } else if (budget != null && budget.notWorseThan() != null) {
            parts.add(String.format(Locale.ROOT, "%s %+.2f", budget.notWorseThan(), budget.margin()));
        }
        return String.join("; ", parts);
    }

    private static String verdict(List<RunResult> runs, SeedsResult summary) {
        List<String> statuses = new ArrayList<>();
        runs.forEach(r -> statuses.add(r.verdict() == null ? "error" : r.verdict().status()));
        if (summary != null) {
            statuses.add(summary.verdict().status());
        }
        for (String worst : List.of("error", "failed", "passed", "not-applicable")) {
            if (statuses.contains(worst)) {
                return worst;
            }
        }
        return "no-budget";
    }

    private static double mean(List<RunResult> runs, boolean best) {
        return runs.stream().mapToDouble(r -> best ? r.top1Error().bestOnTest() : r.top1Error().last()).average()
                .orElse(Double.NaN);
    }

    /** The mean, with the standard deviation when there are several seeds. */
    private static String seedsSummary(double[] errors) {
        double mean = java.util.Arrays.stream(errors).average().orElse(Double.NaN);
        if (errors.length < 2) {
            return format(mean);
        }
        double squares = java.util.Arrays.stream(errors).map(e -> (e - mean) * (e - mean)).sum();
        return String.format(Locale.ROOT, "%.2f ± %.2f", mean, Math.sqrt(squares / (errors.length - 1)));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** The table as Markdown, with a title line. */
    public static String markdown(String experiment, List<List<String>> rows) {
        StringBuilder text = new StringBuilder("# ").append(experiment).append("\n\n");
        text.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        text.append("|").append("---|".repeat(HEADER.size())).append("\n");
        for (List<String> row : rows) {
            text.append("| ").append(row.stream().map(cell -> cell.replace("|", "\\|"))
                    .collect(Collectors.joining(" | "))).append(" |\n");
        }
        return text.toString();
    }

    /** The table as CSV (RFC 4180 quoting). */
    public static String csv(List<List<String>> rows) {
        StringBuilder text = new StringBuilder(String.join(",", HEADER)).append("\r\n");
        for (List<String> row : rows) {
            text.append(row.stream().map(ExperimentSummary::quote).collect(Collectors.joining(","))).append("\r\n");
        }
        return text.toString();
    }

    private static String quote(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    /** Writes {@code summary.md} and {@code summary.csv} into {@code directory}, atomically. */
    public static void write(Path directory, String experiment, List<List<String>> rows) {
        try {
            AtomicFiles.write(directory.resolve(ResultsLayout.SUMMARY_MARKDOWN),
                    out -> out.write(markdown(experiment, rows).getBytes(StandardCharsets.UTF_8)));
            AtomicFiles.write(directory.resolve(ResultsLayout.SUMMARY_CSV),
                    out -> out.write(csv(rows).getBytes(StandardCharsets.UTF_8)));
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not write the summary of " + experiment + " in " + directory, e);
        }
    }
}
