package dev.tailbench.engine.execution;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.tailbench.report.RunResult;
import dev.tailbench.report.SeedsResult;
import dev.tailbench.run.RunService;

/**
 * The keys of the report entry published for every run. Launcher listeners (the summary table,
 * IDEs, Surefire's XML) read these; the full result is in the JSON file named by {@link #RESULT}.
 */
public final class ResultEntry {

    public static final String EXPERIMENT = "tailbench.experiment";
    public static final String COMBINATION = "tailbench.combination";
    public static final String SEED = "tailbench.seed";
    public static final String LAST_ERROR = "tailbench.error.last";
    /** The error at the epoch the validation split selects; empty without one. */
    public static final String VALIDATION_ERROR = "tailbench.error.validation";
    /** The lowest test error over the epochs, selected on the test set (the papers' figure). */
    public static final String BEST_ERROR = "tailbench.error.bestOnTest";
    public static final String BUDGET = "tailbench.budget";
    public static final String VERDICT = "tailbench.verdict";
    public static final String IMAGES_PER_SECOND = "tailbench.imagesPerSecond";
    public static final String DEVICE = "tailbench.device";
    public static final String RESULT = "tailbench.result";

    /** Keys of the entry published for a summary over seeds (no {@link #RESULT}: it is not one run). */
    public static final String SEEDS = "tailbench.seeds";
    public static final String MEAN_ERROR = "tailbench.error.mean";
    public static final String SD_ERROR = "tailbench.error.sd";
    public static final String CI_ERROR = "tailbench.error.ci";
    public static final String P_VALUE = "tailbench.pValue";
    public static final String SEEDS_RESULT = "tailbench.seedsResult";

    /** Keys of the entry published for an experiment when it ends: its summary table and baseline. */
    public static final String EXPERIMENT_SUMMARY = "tailbench.experimentSummary";
    /** The combination the summary compares every other with; absent when none ran. */
    public static final String BASELINE = "tailbench.baseline";

    private ResultEntry() {
    }

    static Map<String, String> of(RunResult result, Path file) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(EXPERIMENT, result.experiment());
        entry.put(COMBINATION, result.combination());
        entry.put(SEED, Long.toString(result.seed()));
        entry.put(LAST_ERROR, result.top1Error() == null ? "" : format(result.top1Error().last()));
        entry.put(VALIDATION_ERROR, result.top1Error() == null || result.top1Error().validationSelected() == null ? ""
                : format(result.top1Error().validationSelected()));
        entry.put(BEST_ERROR, result.top1Error() == null ? "" : format(result.top1Error().bestOnTest()));
        entry.put(BUDGET, result.budget() == null || result.budget().limit() == null ? ""
                : format(result.budget().limit()));
        entry.put(VERDICT, result.verdict() == null ? "" : result.verdict().status());
        entry.put(IMAGES_PER_SECOND, String.format(Locale.ROOT, "%.0f", result.imagesPerSecond()));
        entry.put(DEVICE, result.device().used());
        entry.put(RESULT, file.toString());
        // A report entry rejects blank values: leave out what a failed run did not measure.
        entry.values().removeIf(String::isBlank);
        return entry;
    }

    static Map<String, String> of(SeedsResult result, Path file) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(EXPERIMENT, result.experiment());
        entry.put(COMBINATION, result.combination());
        entry.put(SEEDS, result.seeds().toString());
        entry.put(MEAN_ERROR, format(result.lastError().mean()));
        entry.put(SD_ERROR, format(result.lastError().standardDeviation()));
        entry.put(CI_ERROR, format(result.lastError().low()) + " to " + format(result.lastError().high()));
        if (result.comparison() != null) {
            entry.put(P_VALUE, String.format(Locale.ROOT, "%.4f", result.comparison().pValue()));
        }
        entry.put(VERDICT, result.verdict().status());
        entry.put(SEEDS_RESULT, file.toString());
        return entry;
    }

    static Map<String, String> of(RunService.WrittenSummary summary, Path markdown) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(EXPERIMENT_SUMMARY, markdown.toString());
        summary.comparedWith().ifPresent(baseline -> entry.put(BASELINE, baseline));
        return entry;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
