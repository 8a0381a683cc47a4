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
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.tailbench.engine.fixtures.TinyExperiment;

/**
 * A disk that fills while a run trains: the run fails naming the file it could not write and the
 * file system's reason, the first error is the one reported (the partial result that cannot be
 * written either only adds to it), and no temporary file is left. The disk is a 64 KiB tmpfs,
 * which needs root to mount; elsewhere the test is skipped, saying so.
 */
class FullDiskTest {

    private static int command(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }

    /** Writes pages until the disk is full (an empty file, such as the writable check's, still fits). */
    private static void fill(Path filler) throws Exception {
        byte[] page = new byte[4096];
        long written = 0;
        try (java.io.OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(page);
                out.flush();
                written += page.length;
            }
        }
        catch (java.io.IOException full) {
            assertThat(written).as("bytes written before the disk was full").isPositive();
        }
    }

    @Test
    void aFullDiskFailsTheRunNamingTheFileAndLeavesNoTemporaryFile(@TempDir Path parent) throws Exception {
        Path disk = parent.resolve("disk");
        Files.createDirectories(disk);
        assumeThat(command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString()))
                .as("mounting a 64 KiB tmpfs (needs root)").isZero();
        try {
            fill(disk.resolve("filler"));
            EngineExecutionResults run = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                    .configurationParameter(Constants.DATA_DIR, "")
                    .configurationParameter(Constants.RESULTS_DIR, disk.toString())
                    .configurationParameter(Constants.EPOCHS, "1")
                    .configurationParameter(Constants.PROGRESS, "false")
                    .selectors(selectMethod(TinyExperiment.class, "crossEntropy"))
                    .execute();
            // The checkpoint after the first epoch does not fit, nor does the partial result written
            // after it: the checkpoint's error is the one reported.
            run.testEvents().assertThatEvents().haveExactly(1, event(test("crossEntropy"), finishedWithFailure(
                    message(m -> m.contains("could not write checkpoint " + disk.resolve(
                            "dev.tailbench.engine.fixtures.TinyExperiment/crossEntropy/seed-1-checkpoint.zip"))
                            && m.contains("No space left on device")))));
            try (Stream<Path> files = Files.walk(disk)) {
                assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"));
            }
        }
        finally {
            command("umount", disk.toString());
        }
    }
}
