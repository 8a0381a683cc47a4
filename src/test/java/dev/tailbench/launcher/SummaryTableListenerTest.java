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
}
