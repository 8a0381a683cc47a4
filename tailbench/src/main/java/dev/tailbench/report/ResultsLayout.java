package dev.tailbench.report;

import java.nio.file.Path;
import java.util.List;

/**
 * Where everything of a results directory goes, in one place:
 *
 * <pre>
 * &lt;root&gt;/summary.md, summary.csv                       all runs of the last test plan
 * &lt;root&gt;/&lt;experiment&gt;/summary.md, summary.csv          one experiment's comparison
 * &lt;root&gt;/&lt;experiment&gt;/&lt;combination&gt;/seed-&lt;n&gt;.json     one run
 * &lt;root&gt;/&lt;experiment&gt;/&lt;combination&gt;/seed-&lt;n&gt;-&lt;file&gt;   its checkpoint and hand-offs
 * &lt;root&gt;/&lt;experiment&gt;/&lt;combination&gt;/seeds.json        the combination over its seeds
 * </pre>
 *
 * {@code <experiment>} is the experiment class's fully qualified name ({@code com.example.Tricks},
 * a nested class {@code com.example.Outer$Tricks}), so that two classes of the same simple name in
 * different packages never share files; {@code <combination>} is the combination's name
 * ({@code method} or {@code method[k=v,...]}). Results written before 2026-12-07 lie under the
 * simple name ({@link #legacyResult}) and are still read.
 *
 * @param root the results directory
 */
public record ResultsLayout(Path root) {

    /** The Markdown summary's file name, in the root and in each experiment's directory. */
    public static final String SUMMARY_MARKDOWN = "summary.md";

    /** The CSV summary's file name, beside the Markdown one. */
    public static final String SUMMARY_CSV = "summary.csv";

    /** An experiment's directory. */
    public Path experiment(String experiment) {
        return root.resolve(experiment);
    }

    /** A combination's directory. */
    public Path combination(String experiment, String combination) {
        return experiment(experiment).resolve(combination);
    }

    /** A run's result. */
    public Path result(String experiment, String combination, long seed) {
        return seedFile(experiment, combination, seed, null);
    }

    /**
     * Where a run's result lay before directories were named after the class's full name: under
     * its simple name (a nested class as {@code Outer.Inner}).
     */
    public Path legacyResult(String simpleName, String combination, long seed) {
        return result(simpleName, combination, seed);
    }

    /** A file of a run beside its result, {@code seed-<n>-<suffix>} (a checkpoint, a hand-off). */
    public Path seedFile(String experiment, String combination, long seed, String suffix) {
        return combination(experiment, combination)
                .resolve("seed-" + seed + (suffix == null ? ".json" : "-" + suffix));
    }

    /** The states runs share after their first epochs, one file per key (see the run package's SharedEpochs). */
    public Path sharedEpochs(String key) {
        return root.resolve("shared-epochs").resolve(key + ".zip");
    }

    /** A combination's summary over its seeds. */
    public Path seeds(String experiment, String combination) {
        return combination(experiment, combination).resolve("seeds.json");
    }

    /** The summary files in a directory (the root's or an experiment's), Markdown first. */
    public static List<Path> summaries(Path directory) {
        return List.of(directory.resolve(SUMMARY_MARKDOWN), directory.resolve(SUMMARY_CSV));
    }

    /** The experiment directory a run's result file lies in. */
    public static Path experimentOf(Path result) {
        return result.getParent().getParent();
    }

    /** The results directory a run's result file lies in. */
    public static ResultsLayout of(Path result) {
        return new ResultsLayout(experimentOf(result).getParent());
    }
}
