package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.tailbench.engine.fixtures.TinyExperiment;

/**
 * A results directory that cannot be written fails the run before anything trains, naming the
 * directory and the key that sets it: a whole training must not end in a result that is lost.
 */
class ResultsDirectoryTest {

    private static EngineExecutionResults run(Path results) {
        return EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectMethod(TinyExperiment.class, "crossEntropy"))
                .execute();
    }

    private static void failsNaming(EngineExecutionResults run, Path results, String why) {
        run.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        run.testEvents().assertThatEvents().haveExactly(1, event(test("crossEntropy"), finishedWithFailure(message(m ->
                m.startsWith("The results directory " + results.toAbsolutePath() + " (tailbench.results.dir) cannot be"
                        + " written: ") && m.contains(why) && m.endsWith("Nothing was trained; point"
                        + " tailbench.results.dir at a writable directory.")))));
    }

    @Test
    void aFileWhereTheDirectoryShouldBe(@TempDir Path parent) throws Exception {
        Path results = parent.resolve("results");
        Files.writeString(results, "a file, not a directory");
        failsNaming(run(results), results, "it is a file, not a directory");
        assertThat(results).hasContent("a file, not a directory");
    }

    @Test
    void aReadOnlyFileSystem() {
        // /proc is read-only even for root (who may write to a directory without write permission).
        Path results = Path.of("/proc/tailbench-results");
        assumeThat(Files.isDirectory(Path.of("/proc/self"))).as("a Linux /proc").isTrue();
        failsNaming(run(results), results, "/proc/tailbench-results");
    }

    /**
     * A directory that exists but takes no new file: creating it succeeds, so only the probe file
     * written before training finds out (else the first checkpoint would, after an epoch).
     */
    @Test
    void anExistingDirectoryThatTakesNoFile() {
        Path results = Path.of("/proc");
        assumeThat(Files.isDirectory(Path.of("/proc/self"))).as("a Linux /proc").isTrue();
        failsNaming(run(results), results, ".tailbench-write-check");
    }
}
