package dev.tailbench.engine.execution;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tailbench.report.RunResult;
import dev.tailbench.report.SeedsResult;
import dev.tailbench.report.allure.AllureRunReport;
import dev.tailbench.run.NotEnoughSeedsException;
import dev.tailbench.report.ResultsLayout;
import dev.tailbench.run.RunService;
import dev.tailbench.spec.RunSpec;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What every node needs while executing: the run service shared by all experiments of one
 * engine execution (it caches loaded data sets and results across them), the listener that
 * report entries go to, and the Allure test cases reported so far per experiment.
 *
 * @param runs     trains, judges and records runs
 * @param listener the engine execution listener, for report entries
 * @param allureCases Allure test-case uuids by experiment class, which its summary is attached to
 */
public record TailbenchExecutionContext(RunService runs, EngineExecutionListener listener,
        Map<String, List<String>> allureCases) implements EngineExecutionContext {

    public TailbenchExecutionContext(RunService runs, EngineExecutionListener listener) {
        this(runs, listener, new ConcurrentHashMap<>());
    }

    /**
     * Writes an experiment's summary table ({@code summary.md}, {@code summary.csv}), publishes it
     * as the experiment's report entry (the summary listener prints the comparison with the
     * baseline) and attaches it to the Allure report of its tests.
     *
     * @param baseline the combination every other is compared with, or {@code null}
     */
    public void summarizeExperiment(TestDescriptor experiment, String experimentClass, String baseline) {
        runs.writeExperimentSummary(experimentClass, baseline).ifPresent(written -> {
            List<Path> files = ResultsLayout.summaries(written.directory());
            listener.reportingEntryPublished(experiment, ReportEntry.from(ResultEntry.of(written, files.get(0))));
            AllureRunReport.reportExperimentSummary(written.directory().getFileName().toString(),
                    allureCases.getOrDefault(experimentClass, List.of()), files);
        });
    }

    /**
     * Runs, then publishes the outcome as a report entry (whether it passed or not), so that
     * launcher listeners such as the summary table see every run, and reports it to Allure.
     */
    public void execute(TestDescriptor descriptor, RunSpec spec) {
        RunResult result;
        try {
            result = runs.execute(spec);
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
     * reports it to Allure, whether its paired test passed or not.
     */
    public void summarize(TestDescriptor descriptor, List<RunSpec> seeds) {
        SeedsResult result;
        try {
            result = runs.summarize(seeds);
        }
        catch (NotEnoughSeedsException shortfall) {
            throw Outcomes.of(shortfall);
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
        AllureRunReport.reportSeeds(descriptor.getUniqueId().toString(), anySeed, result, file)
                .ifPresent(uuid -> remember(anySeed, uuid));
    }

    private void publish(TestDescriptor descriptor, RunSpec spec, RunResult result) {
        Path file = runs.resultPath(result);
        listener.reportingEntryPublished(descriptor, ReportEntry.from(ResultEntry.of(result, file)));
        AllureRunReport.report(descriptor.getUniqueId().toString(), spec, result, file)
                .ifPresent(uuid -> remember(spec, uuid));
    }

    private void remember(RunSpec spec, String uuid) {
        allureCases.computeIfAbsent(spec.experiment(), key -> new CopyOnWriteArrayList<>()).add(uuid);
    }
}
