package dev.tailbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tailbench.spec.DataSpec;

/** The data files' content hash: the same bytes the same hash, any changed byte another. */
class DataContentTest {

    @TempDir
    Path dataDir;

    private void writeIdx(long seed) throws IOException {
        Path dir = dataDir.resolve("fashion-mnist");
        Files.createDirectories(dir);
        IdxWriter.write(TestImages.cycling(20, 1, 28, 28, 10, seed), dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"), true);
        IdxWriter.write(TestImages.cycling(10, 1, 28, 28, 10, 2), dir.resolve("t10k-images-idx3-ubyte"),
                dir.resolve("t10k-labels-idx1-ubyte"), false);
    }

    private DataSpec spec() {
        return new DataSpec("fashion-mnist", dataDir.toString(), "exponential", 10, 0, "tailbench");
    }

    @Test
    void theSameFilesGiveTheSameHashAndAChangedOneAnother() throws IOException {
        writeIdx(1);
        String first = DataContent.sha256(spec());
        assertThat(first).hasSize(64).isEqualTo(DataContent.sha256(spec()));
        writeIdx(3);
        // Another content of the same size: a new modification time makes it hashed again.
        Path train = dataDir.resolve("fashion-mnist/train-images-idx3-ubyte.gz");
        Files.setLastModifiedTime(train, FileTime.fromMillis(Files.getLastModifiedTime(train).toMillis() + 2000));
        assertThat(DataContent.sha256(spec())).isNotEqualTo(first);
    }

    @Test
    void theFilesAreTheOnesTheLoaderReads() throws IOException {
        writeIdx(1);
        assertThat(DataContent.files(spec())).extracting(path -> path.getFileName().toString()).containsExactly(
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte");
        Files.delete(dataDir.resolve("fashion-mnist/t10k-labels-idx1-ubyte"));
        assertThatThrownBy(() -> DataContent.sha256(spec())).isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("missing t10k-labels-idx1-ubyte[.gz]");
    }

    @Test
    void theEmbeddedSetHasAHashToo() throws IOException {
        DataSpec embedded = new DataSpec("fashion-mnist", null, "exponential", 100, 0, "tailbench");
        assertThat(DataContent.sha256(embedded)).hasSize(64).isEqualTo(DataContent.sha256(embedded));
    }
}
