package dev.tailbench.report;

import java.util.List;

import dev.tailbench.report.stats.PairedTest;
import dev.tailbench.report.stats.SeedStatistics;

/**
 * A combination over its seeds, written as {@code <results>/<experiment class>/<combination>/seeds.json}
 * next to the seeds' own result files.
 *
 * @param schema      layout version, {@value #SCHEMA}
 * @param experiment  the experiment's simple name
 * @param experimentClass the experiment's fully qualified class name (what its results directory is named after)
 * @param combination the combination
 * @param seeds       the seeds whose results are summarised, in order
 * @param missing     declared seeds without a result of the current configuration
 * @param lastError   last-epoch error over the seeds
 * @param bestError   best-epoch error over the seeds
 * @param comparison  the relative budget's test, or {@code null} without one
 * @param reference   the reference combination of the test, or {@code null}
 * @param epoch       which error the test compares: {@code last} or {@code best}
 * @param verdict     {@code passed}, {@code failed} or {@code no-budget}, with the message
 */
public record SeedsResult(String schema, String experiment, String experimentClass, String combination, List<Long> seeds, List<Long> missing,
        SeedStatistics lastError, SeedStatistics bestError, PairedTest comparison, String reference, String epoch,
        Verdict verdict) {

    /** Version of this layout. */
    public static final String SCHEMA = "tailbench-seeds/2";
}
