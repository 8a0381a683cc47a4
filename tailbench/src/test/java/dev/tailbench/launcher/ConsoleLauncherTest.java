package dev.tailbench.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.console.ConsoleLauncher;
import org.junit.platform.console.command.CommandResult;

/**
 * Experiments run without Maven, as docs/running.md shows: the JUnit Console Launcher
 * with {@code --config} keys (run in-process here, with the test class path as the user's
 * {@code -cp}).
 */
class ConsoleLauncherTest {

    private static final String TINY = "dev.tailbench.engine.fixtures.TinyExperiment";

    private record Outcome(int exitCode, String out) {
    }

    /** Runs the launcher; the outcome holds its output and what went to System.err meanwhile (logging). */
    private static Outcome launch(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        CommandResult<?> result;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            result = ConsoleLauncher.run(new PrintWriter(out), new PrintWriter(err), args);
        }
        finally {
            System.setErr(systemErr);
        }
        return new Outcome(result.getExitCode(), out + "\n" + err + "\n" + log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void oneCombinationRunsWithConfigKeysFromTheCommandLine(@TempDir Path results) throws Exception {
        Outcome outcome = launch("execute", "--disable-banner", "--disable-ansi-colors", "--details=summary",
                "--include-engine=tailbench", "--select-method=" + TINY + "#crossEntropy",
                "--config=tailbench.epochs=1", "--config=tailbench.data.dir=", "--config=tailbench.progress=false",
                "--config=tailbench.results.dir=" + results);
        assertThat(outcome.exitCode()).as(outcome.out()).isZero();
        assertThat(outcome.out()).contains("1 tests successful")
                // The experiment's summary goes to Allure after its runs, when no test is running.
                .doesNotContain("Could not add attachment");
        JsonNode json = new ObjectMapper().readTree(results.resolve("dev.tailbench.engine.fixtures.TinyExperiment/crossEntropy/seed-1.json").toFile());
        assertThat(json.at("/schedule/epochs").asInt()).isEqualTo(1);
        assertThat(json.at("/verdict/status").asText()).isEqualTo("passed");
    }

    @Test
    void aMisspelledKeyFailsTheLaunchWithTheKeyItMeant(@TempDir Path results) {
        Outcome outcome = launch("execute", "--disable-banner", "--disable-ansi-colors", "--details=summary",
                "--include-engine=tailbench", "--select-method=" + TINY + "#crossEntropy",
                "--config=tailbench.epoch=1", "--config=tailbench.results.dir=" + results);
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.out()).contains("Unknown configuration parameter 'tailbench.epoch': did you mean tailbench.epochs?");
        assertThat(results).isEmptyDirectory();
    }
}
