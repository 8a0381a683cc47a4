package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.tailbench.data.CifarBinaryWriter;
import dev.tailbench.data.CifarFormat;
import dev.tailbench.data.TestImages;
import dev.tailbench.engine.fixtures.OutOfMemoryExperiment;

/**
 * CIFAR files in the real format but cut at a record boundary load without a format error, so a
 * user could take them for the official ones: the run's console says, per file, that they are not,
 * and that published figures do not apply.
 */
class SmallerDataFilesTest {

    @TempDir
    Path directory;

    @Test
    void cifarFilesWithFewerImagesThanTheOfficialOnesAreNamedOnTheConsole() throws IOException {
        Path dir = directory.resolve("data/cifar-10-batches-bin");
        List<String> files = new ArrayList<>(CifarFormat.CIFAR_10.trainFiles());
        files.addAll(CifarFormat.CIFAR_10.testFiles());
        for (String file : files) {
            CifarBinaryWriter.write(TestImages.cycling(60, 3, 32, 32, 10, file.hashCode()), CifarFormat.CIFAR_10,
                    dir.resolve(file));
        }
        PrintStream previous = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                    .configurationParameter(Constants.DATA_DIR, directory.resolve("data").toString())
                    .configurationParameter(Constants.RESULTS_DIR, directory.resolve("results").toString())
                    .configurationParameter(Constants.PROGRESS, "false")
                    .selectors(selectMethod(OutOfMemoryExperiment.class, "crossEntropy"))
                    .execute().testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        }
        finally {
            System.setOut(previous);
        }
        List<String> warnings = console.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("[tailbench] warning: ")).toList();
        assertThat(warnings).hasSize(6).contains("[tailbench] warning: " + dir.resolve("data_batch_1.bin")
                + " holds 60 images, the official data_batch_1.bin 10000: these are not the official cifar-10 files,"
                + " and published figures do not apply to them", "[tailbench] warning: " + dir.resolve("test_batch.bin")
                + " holds 60 images, the official test_batch.bin 10000: these are not the official cifar-10 files,"
                + " and published figures do not apply to them");
    }
}
