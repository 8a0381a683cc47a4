package dev.tailbench.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tailbench.engine.execution.ResultEntry;
import dev.tailbench.io.AtomicFiles;
import dev.tailbench.report.ResultsLayout;

import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects the report entry of every tailbench run and, when the plan finishes, prints one table
 * row per run and writes the table as Markdown and CSV next to the result files. Registered
 * through {@code META-INF/services}, so it works under Surefire, IDEs and the console launcher.
 */
public final class SummaryTableListener implements TestExecutionListener {

    private static final String[] HEADER = {"experiment", "combination", "seed", "error last %",
        "error validation-selected %", "error best-on-test %", "budget %", "verdict", "images/s", "device"};
    private static final String[] KEYS = {ResultEntry.EXPERIMENT, ResultEntry.COMBINATION, ResultEntry.SEED,
        ResultEntry.LAST_ERROR, ResultEntry.VALIDATION_ERROR, ResultEntry.BEST_ERROR, ResultEntry.BUDGET, ResultEntry.VERDICT,
        ResultEntry.IMAGES_PER_SECOND, ResultEntry.DEVICE};

    private final List<Map<String, String>> rows = new ArrayList<>();
    /** Each experiment's summary that compares with a baseline, in the order the experiments ended. */
    private final List<Path> comparisons = new ArrayList<>();
    private final PrintStream out;

    public SummaryTableListener() {
        this(System.out);
    }

    SummaryTableListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        rows.clear();
        comparisons.clear();
    }

    @Override
    public void reportingEntryPublished(TestIdentifier testIdentifier, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        if (values.containsKey(ResultEntry.RESULT)) {
            rows.add(values);
        }
        if (values.containsKey(ResultEntry.EXPERIMENT_SUMMARY) && values.containsKey(ResultEntry.BASELINE)) {
            comparisons.add(Path.of(values.get(ResultEntry.EXPERIMENT_SUMMARY)));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (rows.isEmpty()) {
            return;
        }
        String markdown = markdown();
        out.println();
        out.println("tailbench results");
        out.print(markdown);
        Path resultsRoot = ResultsLayout.of(Path.of(rows.get(0).get(ResultEntry.RESULT))).root();
        try {
            write(resultsRoot.resolve(ResultsLayout.SUMMARY_MARKDOWN), markdown);
            write(resultsRoot.resolve(ResultsLayout.SUMMARY_CSV), csv());
            out.println("Summary written to " + resultsRoot.resolve(ResultsLayout.SUMMARY_MARKDOWN));
        }
        catch (IOException e) {
            out.println("Could not write the summary to " + resultsRoot + ": " + e);
        }
        printComparisons();
    }

    /**
     * Prints the summary of every experiment that compares its combinations with a baseline (the
     * paired differences, which the table of runs does not show): comparing tricks against a
     * baseline is what most runs are for.
     */
    private void printComparisons() {
        for (Path summary : comparisons) {
            try {
                String text = Files.readString(summary, StandardCharsets.UTF_8);
                out.println();
                out.print(text);
                out.println("(" + summary + ")");
            }
            catch (IOException e) {
                out.println("Could not read " + summary + ": " + e);
            }
        }
    }

    String markdown() {
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = HEADER[i].length();
            for (Map<String, String> row : rows) {
                widths[i] = Math.max(widths[i], row.getOrDefault(KEYS[i], "").length());
            }
        }
        StringBuilder table = new StringBuilder();
        appendRow(table, HEADER, widths);
        String[] rule = new String[HEADER.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = "-".repeat(widths[i]);
        }
        appendRow(table, rule, widths);
        for (Map<String, String> row : rows) {
            String[] cells = new String[KEYS.length];
            for (int i = 0; i < KEYS.length; i++) {
                cells[i] = row.getOrDefault(KEYS[i], "");
            }
            appendRow(table, cells, widths);
        }
        return table.toString();
    }

    String csv() {
        StringBuilder csv = new StringBuilder(String.join(",", HEADER)).append(",result\n");
        for (Map<String, String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String key : KEYS) {
                cells.add(quote(row.getOrDefault(key, "")));
            }
            cells.add(quote(row.get(ResultEntry.RESULT)));
            csv.append(String.join(",", cells)).append('\n');
        }
        return csv.toString();
    }

    private static void appendRow(StringBuilder table, String[] cells, int[] widths) {
        table.append('|');
        for (int i = 0; i < cells.length; i++) {
            table.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
        }
        table.append('\n');
    }

    private static String quote(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    private static void write(Path target, String text) throws IOException {
        AtomicFiles.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
