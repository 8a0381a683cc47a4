package dev.tailbench.report.allure;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.tailbench.report.RunReporter;
import dev.tailbench.report.RunResult;
import dev.tailbench.report.SeedsResult;
import dev.tailbench.spec.RunSpec;

/**
 * Registers {@link AllureRunReport} with the engine ({@code META-INF/services}): with this module
 * on the test class path, every run is an Allure test case with its parameters, labels and charts.
 */
public final class AllureRunReporter implements RunReporter {

    @Override
    public Optional<String> report(String uniqueId, RunSpec spec, RunResult result, Path resultFile) {
        return AllureRunReport.report(uniqueId, spec, result, resultFile);
    }

    @Override
    public Optional<String> reportSeeds(String uniqueId, RunSpec anySeed, SeedsResult result, Path file) {
        return AllureRunReport.reportSeeds(uniqueId, anySeed, result, file);
    }

    @Override
    public void reportExperimentSummary(String experiment, List<String> ids, List<Path> files) {
        AllureRunReport.reportExperimentSummary(experiment, ids, files);
    }
}
