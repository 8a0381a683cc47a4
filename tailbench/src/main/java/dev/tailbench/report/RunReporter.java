package dev.tailbench.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import dev.tailbench.spec.RunSpec;

/**
 * A report that runs are added to besides the JSON results, found with {@link ServiceLoader} so
 * that it is there only when its module is on the class path: {@code tailbench-allure} registers
 * one that writes each run to the Allure report. The engine calls it after a run's result file
 * is written, and once an experiment's summary is.
 */
public interface RunReporter {

    /**
     * Adds a run to the report.
     *
     * @param uniqueId   the JUnit Platform unique id of the run's test
     * @param resultFile the run's result file
     * @return an id of what the report recorded for the run, which the experiment's summary is
     *     attached to; empty when nothing was recorded
     */
    Optional<String> report(String uniqueId, RunSpec spec, RunResult result, Path resultFile);

    /**
     * Adds a combination's summary over seeds.
     *
     * @return as {@link #report}
     */
    Optional<String> reportSeeds(String uniqueId, RunSpec anySeed, SeedsResult result, Path file);

    /**
     * Adds an experiment's summary.
     *
     * @param experiment the experiment's name
     * @param ids        what {@link #report} and {@link #reportSeeds} returned for its runs
     * @param files      the summary files, {@code summary.md} first
     */
    void reportExperimentSummary(String experiment, List<String> ids, List<Path> files);

    /** The reporters on the class path (none without a reporting module). */
    static List<RunReporter> installed() {
        return ServiceLoader.load(RunReporter.class, RunReporter.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }
}
