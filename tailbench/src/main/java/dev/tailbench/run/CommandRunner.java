package dev.tailbench.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an external program with a time limit and returns what it printed. A seam: tests stand in
 * for the program by feeding text, so that parsing and every failure path are checked on a machine
 * without it.
 */
@FunctionalInterface
interface CommandRunner {

    /**
     * What a finished program left.
     *
     * @param exitCode its exit status
     * @param output   standard output and standard error, interleaved
     */
    record Output(int exitCode, String output) {
    }

    /**
     * Runs {@code command} and waits at most {@code timeout} for it.
     *
     * @throws IOException      if the program cannot be started (not installed, not executable)
     * @throws TimeoutException if it did not finish in time; it has been killed
     */
    Output run(List<String> command, Duration timeout) throws IOException, TimeoutException, InterruptedException;

    /** Runs real processes. */
    static CommandRunner system() {
        return (command, timeout) -> {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // Read while it runs: a program that fills the pipe would otherwise never finish.
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new TimeoutException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
                }
                return new Output(process.exitValue(), output.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
            catch (ExecutionException e) {
                throw new IOException("reading the output of " + command.get(0) + " failed", e.getCause());
            }
            finally {
                process.destroyForcibly();
            }
        };
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            return "";
        }
    }
}
