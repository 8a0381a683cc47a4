package dev.tailbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {

    @TempDir Path dir;

    private final ImageSet set = TestImages.cycling(12, 1, 28, 28, 10, 7);

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void roundTrips(boolean gzip) throws IOException {
        Path images = dir.resolve("train-images-idx3-ubyte" + (gzip ? ".gz" : ""));
        Path labels = dir.resolve("train-labels-idx1-ubyte" + (gzip ? ".gz" : ""));
        IdxWriter.write(set, images, labels, gzip);

        assertThat(gzipped(images)).isEqualTo(gzip);
        ImageSet read = IdxReader.read(images, labels, 10, set.classNames());
        assertThat(read.size()).isEqualTo(12);
        assertThat(read.channels()).isEqualTo(1);
        assertThat(read.height()).isEqualTo(28);
        assertThat(read.width()).isEqualTo(28);
        assertThat(read.pixels()).isEqualTo(set.pixels());
        assertThat(read.labels()).isEqualTo(set.labels());
        assertThat(read.classNames()).isEqualTo(set.classNames());
    }

    @Test
    void plainFileNamedGzIsReadByItsContent() throws IOException {
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");
        IdxWriter.write(set, images, labels, false);

        assertThat(IdxReader.read(images, labels, 10, null).pixels()).isEqualTo(set.pixels());
    }

    @Test
    void gzipOutputIsReproducible() throws IOException {
        IdxWriter.write(set, dir.resolve("a"), dir.resolve("b"), true);
        IdxWriter.write(set, dir.resolve("c"), dir.resolve("d"), true);
        assertThat(Files.readAllBytes(dir.resolve("a"))).isEqualTo(Files.readAllBytes(dir.resolve("c")));
    }

    @Test
    void readsStreamsWithDisplayNames() throws IOException {
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        IdxWriter.writeImages(set, images);
        IdxWriter.writeLabels(set, labels);

        ImageSet read = IdxReader.read(new ByteArrayInputStream(images.toByteArray()), "img",
                new ByteArrayInputStream(labels.toByteArray()), "lbl", 10, null);
        assertThat(read.labels()).isEqualTo(set.labels());
        assertThat(read.classNames()).startsWith("class-0", "class-1");
    }

    @Test
    void badMagicNamesFileAndNumbers() throws IOException {
        Path images = write("train-images-idx3-ubyte", imageBytes(0x0804, 1, 2, 2, 4));
        Path labels = write("train-labels-idx1-ubyte", labelBytes(0x0801, new byte[1]));

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(images.toString() + ": ")
                .hasMessageContaining("bad magic number 0x00000804 (2052), expected 0x00000803 (2051)"
                        + " for an IDX image file");
    }

    @Test
    void swappedFilesAreRecognised() throws IOException {
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        IdxWriter.write(set, images, labels, true);

        assertThatThrownBy(() -> IdxReader.read(labels, images, 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("0x00000801 (2049)")
                .hasMessageContaining("looks like an IDX label file");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void truncatedImagePayload(boolean gzip) throws IOException {
        Path images = write("train-images-idx3-ubyte.gz",
                maybeGzip(imageBytes(2051, 60000, 28, 28, 1000), gzip));
        Path labels = write("train-labels-idx1-ubyte", labelBytes(2049, new byte[60000]));

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(images + ": truncated: header says 60000 images of 28x28 = 47040000"
                        + " bytes but only 1000 bytes follow");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anOversizedHeaderAllocatesNoMoreThanTheFileHolds(boolean gzip) throws IOException {
        // 2,000,000 images of 28x28: 1.5 GB claimed by a file of a few bytes. Reading allocates what
        // arrives, so this fails with the claim instead of allocating it (on a smaller heap, with an
        // OutOfMemoryError).
        Path images = write("train-images-idx3-ubyte.gz", maybeGzip(imageBytes(2051, 2_000_000, 28, 28, 64), gzip));
        Path labels = write("train-labels-idx1-ubyte", labelBytes(2049, new byte[10]));
        assertThatThrownBy(() -> IdxReader.read(images, labels, 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(images + ": truncated: header says 2000000 images of 28x28 = 1568000000"
                        + " bytes but only 64 bytes follow");
        assertThat(dev.tailbench.io.AllocatedBytes.by(() -> IdxReader.read(images, labels, 10, null)))
                .as("bytes allocated reading it").isLessThan(100_000_000L);
    }

    @Test
    void trailingBytesAreAnError() throws IOException {
        Path images = write("i", imageBytes(2051, 1, 2, 2, 5));
        Path labels = write("l", labelBytes(2049, new byte[1]));

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(images + ": 1 unexpected bytes after the payload");
    }

    @Test
    void labelCountMismatch() throws IOException {
        Path images = write("train-images-idx3-ubyte", imageBytes(2051, 3, 2, 2, 12));
        Path labels = write("train-labels-idx1-ubyte", labelBytes(2049, new byte[2]));

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(labels + ": labels file has 2 labels but images file " + images
                        + " has 3 images");
    }

    @Test
    void labelOutOfRange() throws IOException {
        Path images = write("i", imageBytes(2051, 6, 1, 1, 6));
        Path labels = write("l", labelBytes(2049, new byte[] {0, 1, 2, 3, 4, 12}));

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(labels + ": label 12 at index 5 out of range [0, 10)");
    }

    @Test
    void labelBytesAreUnsigned() throws IOException {
        Path images = write("i", imageBytes(2051, 1, 1, 1, 1));
        Path labels = write("l", labelBytes(2049, new byte[] {(byte) 200}));

        assertThat(IdxReader.read(images, labels, 201, null).label(0)).isEqualTo(200);
    }

    @Test
    void emptyFile() throws IOException {
        Path images = write("train-images-idx3-ubyte.gz", new byte[0]);
        Path labels = write("l", labelBytes(2049, new byte[1]));

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(images + ": empty file, expected an IDX image file");
    }

    @Test
    void truncatedHeader() throws IOException {
        Path images = write("i", imageBytes(2051, 1, 1, 1, 1));
        Path labels = write("l", new byte[] {0, 0, 8, 1, 0});

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(labels + ": truncated header: 5 bytes, an IDX label file header has 8");
    }

    @Test
    void gzipMagicButNotGzip() throws IOException {
        byte[] bytes = imageBytes(2051, 1, 2, 2, 4);
        bytes[0] = 0x1f;
        bytes[1] = (byte) 0x8b;
        Path images = write("i.gz", bytes);
        Path labels = write("l", labelBytes(2049, new byte[1]));

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(images + ": ")
                .hasMessageContaining("not in gzip format");
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] zipped = maybeGzip(imageBytes(2051, 50, 10, 10, 5000), true);
        Path images = write("i.gz", Arrays.copyOf(zipped, zipped.length / 2));
        Path labels = write("l", labelBytes(2049, new byte[50]));

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10, null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(images + ": ")
                .hasMessageContaining("truncated");
    }

    @Test
    void writerRejectsColourImages() {
        ImageSet colour = TestImages.cycling(2, 3, 2, 2, 2, 1);
        assertThatThrownBy(() -> IdxWriter.write(colour, dir.resolve("i"), dir.resolve("l"), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one channel");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static boolean gzipped(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length > 2 && bytes[0] == 0x1f && bytes[1] == (byte) 0x8b;
    }

    /** An images file whose header says what is given, followed by {@code payload} zero bytes. */
    static byte[] imageBytes(int magic, int count, int rows, int cols, int payload) {
        return ByteBuffer.allocate(16 + payload).putInt(magic).putInt(count).putInt(rows)
                .putInt(cols).array();
    }

    static byte[] labelBytes(int magic, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(magic).putInt(labels.length)
                .put(labels).array();
    }

    private static byte[] maybeGzip(byte[] bytes, boolean gzip) throws IOException {
        if (!gzip) {
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }
}
