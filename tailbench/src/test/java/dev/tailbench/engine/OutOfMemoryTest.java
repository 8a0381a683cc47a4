package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.tailbench.engine.fixtures.OutOfMemoryExperiment;

/**
 * An {@link OutOfMemoryError} is not swallowed: the run fails naming itself, its batch size and the
 * heap, and no other run is attempted in that JVM (reported aborted). Tried in a JVM of 64 MiB of
 * heap on CIFAR-10 files of 77 MB of pixels, in the real format.
 */
class OutOfMemoryTest {

    @TempDir
    Path directory;

    /** Five training batches of 5,000 records and a test batch of 100 (label byte, 3,072 pixel bytes). */
    private Path cifarLargerThanTheHeap() throws IOException {
        Path dir = directory.resolve("data/cifar-10-batches-bin");
        Files.createDirectories(dir);
        byte[] record = new byte[1 + 3072];
        for (String file : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin")) {
            int records = file.startsWith("test") ? 100 : 5000;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(file)), 1 << 16)) {
                for (int r = 0; r < records; r++) {
                    record[0] = (byte) (r % 10);
                    out.write(record);
                }
            }
        }
        return directory.resolve("data");
    }

    @Test
    void aRunOutOfMemoryFailsNamingItselfAndTheOthersAreNotAttempted() throws Exception {
        Path data = cifarLargerThanTheHeap();
        Path log = directory.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                ChildRun.class.getName(), data.toString(), directory.resolve("results").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(3, TimeUnit.MINUTES)).as("the child JVM ended; see %s", log).isTrue();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("child output").anySatisfy(line -> assertThat(line)
                .startsWith("FAILED crossEntropy: dev.tailbench.run.RunOutOfMemoryError: OutOfMemoryExperiment.crossEntropy"
                        + " seed 1 ran out of memory (Java heap space) with batch size 128 and a Java heap of at most ")
                .endsWith("No other run is attempted in this JVM: give it more memory (-Xmx, or Surefire's argLine)"
                        + " or lower tailbench.batch.size."));
        assertThat(lines).anySatisfy(line -> assertThat(line).isEqualTo("ABORTED focal: OutOfMemoryExperiment.focal"
                + " seed 1 was not attempted: OutOfMemoryExperiment.crossEntropy seed 1 ran out of memory (Java heap"
                + " space) with batch size 128 and a Java heap of at most " + line.replaceAll(".*at most (\\d+) MiB.*", "$1")
                + " MiB" + line.replaceAll(".*MiB( \\(\\d+ MiB in use\\)).*", "$1") + " earlier in this JVM."));
        assertThat(child.exitValue()).as("the launcher's JVM ends normally").isZero();
    }

    /** The child JVM: runs the experiment through the launcher and prints each outcome that is not a success. */
    public static final class ChildRun {

        public static void main(String[] args) {
            Launcher launcher = LauncherFactory.create();
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(OutOfMemoryExperiment.class))
                    .filters(org.junit.platform.launcher.EngineFilter.includeEngines(TailbenchTestEngine.ENGINE_ID))
                    .configurationParameter(Constants.DATA_DIR, args[0])
                    .configurationParameter(Constants.RESULTS_DIR, args[1])
                    .configurationParameter(Constants.PROGRESS, "false")
                    .configurationParameter(Constants.THREADS, "1")
                    .build(), new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                            if (test.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                                System.out.println(result.getStatus() + " " + test.getDisplayName() + ": "
                                        + result.getThrowable().map(t -> t instanceof org.opentest4j.TestAbortedException
                                                ? t.getMessage() : t.toString()).orElse(""));
                            }
                        }
                    });
        }
    }
}
