package dev.tailbench.engine.execution;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tailbench.report.RunResult;
import dev.tailbench.report.SeedsResult;
import dev.tailbench.report.RunReporter;
import dev.tailbench.run.NotEnoughSeedsException;
import dev.tailbench.report.ResultsLayout;
import dev.tailbench.run.RunService;
import dev.tailbench.run.RunsStoppedException;
import dev.tailbench.spec.RunSpec;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What every node needs while executing: the run service shared by all experiments of one
 * engine execution (it caches loaded data sets and results across them), the listener that
 * report entries go to, and the reports installed beside the JSON results ({@link RunReporter},
 * e.g. Allure's) with what each recorded so far per experiment.
 *
 * @param runs      trains, judges and records runs
 * @param listener  the engine execution listener, for report entries
 * @param reporters the installed reports
 * @param reported  per reporter, the ids it returned by experiment class, which the experiment's
 *                  summary is attached to
 */
public record TailbenchExecutionContext(RunService runs, EngineExecutionListener listener, List<RunReporter> reporters,
        Map<RunReporter, Map<String, List<String>>> reported) implements EngineExecutionContext {

    public TailbenchExecutionContext(RunService runs, EngineExecutionListener listener) {
        this(runs, listener, RunReporter.installed(), new ConcurrentHashMap<>());
    }

    /**
     * Writes an experiment's summary table ({@code summary.md}, {@code summary.csv}), publishes it
     * as the experiment's report entry (the summary listener prints the comparison with the
     * baseline) and attaches it to the installed reports (Allure's: to its tests).
     *
     * @param baseline the combination every other is compared with, or {@code null}
     */
    public void summarizeExperiment(TestDescriptor experiment, String experimentClass, String baseline) {
        runs.writeExperimentSummary(experimentClass, baseline).ifPresent(written -> {
            List<Path> files = ResultsLayout.summaries(written.directory());
            listener.reportingEntryPublished(experiment, ReportEntry.from(ResultEntry.of(written, files.get(0))));
            for (RunReporter reporter : reporters) {
                reporter.reportExperimentSummary(experiment.getDisplayName(),
                        reported.getOrDefault(reporter, Map.of()).getOrDefault(experimentClass, List.of()), files);
            }
        });
    }

    /**
     * Runs, then publishes the outcome as a report entry (whether it passed or not), so that
     * launcher listeners such as the summary table see every run, and adds it to the installed reports.
     */
    public void execute(TestDescriptor descriptor, RunSpec spec) {
        RunResult result;
        try {
            result = runs.execute(spec);
        }
        catch (RunsStoppedException stopped) {
            throw Outcomes.aborted(stopped);
        }
        catch (RuntimeException | AssertionError e) {
            try {
                runs.lastResult(spec).ifPresent(partial -> publish(descriptor, spec, partial));
            }
            catch (RuntimeException publishing) {
                // The run's own failure is what the user must see.
                e.addSuppressed(publishing);
            }
            throw e;
        }
        // Outside the try: a reporting failure after a passing run must not publish it twice.
        publish(descriptor, spec, result);
        Outcomes.of(result, runs.resultPath(result));
    }

    /**
     * Summarises a combination over its seeds, then publishes the summary as a report entry and
     * adds it to the installed reports, whether its paired test passed or not.
     */
    public void summarize(TestDescriptor descriptor, List<RunSpec> seeds) {
        SeedsResult result;
        try {
            result = runs.summarize(seeds);
        }
        catch (NotEnoughSeedsException | RunsStoppedException premise) {
            throw Outcomes.aborted(premise);
        }
        catch (RuntimeException | AssertionError e) {
            try {
                runs.lastSeedsResult(seeds.get(0)).ifPresent(partial -> publish(descriptor, seeds.get(0), partial));
            }
            catch (RuntimeException publishing) {
                e.addSuppressed(publishing);
            }
            throw e;
        }
        publish(descriptor, seeds.get(0), result);
        Outcomes.of(result, runs.seedsPath(result));
    }

    private void publish(TestDescriptor descriptor, RunSpec anySeed, SeedsResult result) {
        Path file = runs.seedsPath(result);
        listener.reportingEntryPublished(descriptor, ReportEntry.from(ResultEntry.of(result, file)));
        for (RunReporter reporter : reporters) {
            reporter.reportSeeds(descriptor.getUniqueId().toString(), anySeed, result, file)
                    .ifPresent(id -> remember(reporter, anySeed, id));
        }
    }

    private void publish(TestDescriptor descriptor, RunSpec spec, RunResult result) {
        Path file = runs.resultPath(result);
        listener.reportingEntryPublished(descriptor, ReportEntry.from(ResultEntry.of(result, file)));
        for (RunReporter reporter : reporters) {
            reporter.report(descriptor.getUniqueId().toString(), spec, result, file)
                    .ifPresent(id -> remember(reporter, spec, id));
        }
    }

    private void remember(RunReporter reporter, RunSpec spec, String id) {
        reported.computeIfAbsent(reporter, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(spec.experiment(), key -> new CopyOnWriteArrayList<>()).add(id);
    }
}
