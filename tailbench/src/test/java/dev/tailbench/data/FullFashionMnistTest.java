package dev.tailbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks against the real full Fashion-MNIST, where this machine has a copy: that the reader
 * handles the official files, and that the embedded subset is exactly what its builder makes.
 */
class FullFashionMnistTest {

    // The shared data sets beside the repository, as CI and the development machine have them.
    static final Path FULL = Path.of("../shared/datasets/fashion-mnist");

    @BeforeAll
    static void needsTheFullSet() {
        assumeTrue(Files.isRegularFile(FULL.resolve("train-images-idx3-ubyte.gz")),
                "full Fashion-MNIST not at " + FULL);
    }

    @Test
    void readsTheOfficialFiles() throws IOException {
        DatasetSplits splits = DatasetLoader.load("fashion-mnist", FULL.getParent());

        assertThat(splits.trainPool().size()).isEqualTo(60_000);
        assertThat(splits.trainPool().classCounts()).containsOnly(6_000);
        assertThat(splits.test().size()).isEqualTo(10_000);
        assertThat(splits.test().classCounts()).containsOnly(1_000);
        assertThat(splits.trainPool().pixels()).hasSize(60_000 * 28 * 28);
    }

    @Test
    void builderReproducesTheEmbeddedFiles(@TempDir Path out) throws IOException {
        EmbeddedDatasetBuilder.build(FULL, "../shared/datasets/fashion-mnist", out);

        Path embedded = Path.of("tailbench/src/main/resources/dev/tailbench/data/embedded/fashion-mnist");
        assumeTrue(Files.isDirectory(embedded), "not run from the project root");
        for (String file : DatasetLoader.IDX_FILES) {
            assertThat(Files.readAllBytes(out.resolve(file + ".gz")))
                    .as(file).isEqualTo(Files.readAllBytes(embedded.resolve(file + ".gz")));
        }
        assertThat(Files.readString(out.resolve("README.md")))
                .isEqualTo(Files.readString(embedded.resolve("README.md")));
    }
}
