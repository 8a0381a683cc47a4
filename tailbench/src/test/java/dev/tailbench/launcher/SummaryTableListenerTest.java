package dev.tailbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tailbench.engine.execution.ResultEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;

class SummaryTableListenerTest {

    @Test
    void printsAndWritesOneRowPerRun(@TempDir Path results) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SummaryTableListener listener = new SummaryTableListener(new PrintStream(printed, true, StandardCharsets.UTF_8));
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(ResultEntry.EXPERIMENT, "Baselines");
        entry.put(ResultEntry.COMBINATION, "crossEntropy");
        entry.put(ResultEntry.SEED, "1");
        entry.put(ResultEntry.LAST_ERROR, "31.20");
        entry.put(ResultEntry.VERDICT, "failed");
        entry.put(ResultEntry.RESULT, results.resolve("Baselines/crossEntropy/seed-1.json").toString());
        listener.testPlanExecutionStarted(null);
        listener.reportingEntryPublished(null, ReportEntry.from(Map.of("unrelated", "entry")));
        listener.reportingEntryPublished(null, ReportEntry.from(entry));
        listener.testPlanExecutionFinished(null);

        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("| experiment | combination  | seed | error last %")
                .contains("| Baselines  | crossEntropy | 1    | 31.20");
        assertThat(Files.readString(results.resolve("summary.md"))).contains("crossEntropy").contains("failed");
        assertThat(Files.readAllLines(results.resolve("summary.csv"))).hasSize(2).last().asString()
                .startsWith("Baselines,crossEntropy,1,31.20,,,,failed");
    }

    @Test
    void printsTheComparisonOfAnExperimentWithABaselineAfterTheTable(@TempDir Path results) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SummaryTableListener listener = new SummaryTableListener(new PrintStream(printed, true, StandardCharsets.UTF_8));
        Files.createDirectories(results.resolve("Tour"));
        Files.writeString(results.resolve("Tour/summary.md"), "# Tour\n| crossEntropy | 1 | 40.70 | baseline | passed |\n"
                + "| balancedSoftmax | 1 | 31.50 | crossEntropy -9.20 (1 seed) | passed |\n");
        Files.createDirectories(results.resolve("Alone"));
        Files.writeString(results.resolve("Alone/summary.md"), "# Alone\n| crossEntropy | 1 | 40.70 |  | passed |\n");
        listener.testPlanExecutionStarted(null);
        for (String[] run : new String[][] {{"Tour", "crossEntropy"}, {"Tour", "balancedSoftmax"}, {"Alone", "crossEntropy"}}) {
            listener.reportingEntryPublished(null, ReportEntry.from(Map.of(ResultEntry.EXPERIMENT, run[0],
                    ResultEntry.COMBINATION, run[1], ResultEntry.RESULT,
                    results.resolve(run[0] + "/" + run[1] + "/seed-1.json").toString())));
        }
        // What the engine publishes when an experiment ends: its summary, and its baseline if one ran.
        listener.reportingEntryPublished(null, ReportEntry.from(Map.of(ResultEntry.EXPERIMENT_SUMMARY,
                results.resolve("Tour/summary.md").toString(), ResultEntry.BASELINE, "crossEntropy")));
        listener.reportingEntryPublished(null, ReportEntry.from(Map.of(ResultEntry.EXPERIMENT_SUMMARY,
                results.resolve("Alone/summary.md").toString())));
        listener.testPlanExecutionFinished(null);

        String console = printed.toString(StandardCharsets.UTF_8);
        assertThat(console.indexOf("# Tour")).isGreaterThan(console.indexOf("tailbench results"));
        assertThat(console).contains("| balancedSoftmax | 1 | 31.50 | crossEntropy -9.20 (1 seed) | passed |")
                .doesNotContain("# Alone");
    }
}
