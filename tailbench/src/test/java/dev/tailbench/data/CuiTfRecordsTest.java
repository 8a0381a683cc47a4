package dev.tailbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tailbench.io.AllocatedBytes;

class CuiTfRecordsTest {

    private static final DatasetInfo CIFAR_10 = Datasets.get(Datasets.CIFAR_10);

    @TempDir
    Path dir;

    @Test
    void maskedChecksumsMatchTheStandardVectors() {
        // CRC-32C of 32 zero bytes is 0x8A9136AA and of "123456789" 0xE3069283 (RFC 3720, B.4);
        // TensorFlow masks them as ((crc >>> 15) | (crc << 17)) + 0xa282ead8.
        assertThat(TfRecordReader.maskedCrc(new byte[32], 0, 32)).isEqualTo(0x0fd7fffa);
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(TfRecordReader.maskedCrc(digits, 0, digits.length)).isEqualTo(0xc78ab0e5);
    }

    @Test
    void readsImagesAndLabelsInFileOrder() throws IOException {
        ImageSet written = TestImages.cycling(30, 3, 32, 32, 10, 5);
        Path file = dir.resolve("eval.tfrecords");
        CuiFiles.write(written, file);

        ImageSet read = CuiTfRecords.read(CIFAR_10, file);

        assertThat(read.size()).isEqualTo(30);
        assertThat(read.labels()).containsExactly(written.labels());
        assertThat(read.pixels()).isEqualTo(written.pixels());
        assertThat(read.classNames()).isEqualTo(CIFAR_10.classNames());
    }

    /** Protobuf's rules for fields read twice, which a generated parser (TensorFlow's) follows. */
    @Test
    void followsProtobufMergeRulesForRepeatedFields() throws IOException {
        byte[] one = CuiFiles.message(out -> out.writeInt64(1, 1));
        byte[] two = CuiFiles.message(out -> out.writeInt64(1, 2));
        byte[] bytesList = CuiFiles.message(list -> list.writeByteArray(1, new byte[] {9}));
        byte[] example = CuiFiles.message(out -> out.writeByteArray(1, CuiFiles.message(features -> {
            // a Feature whose int64_list comes twice: the lists are merged
            features.writeByteArray(1, CuiFiles.message(entry -> {
                entry.writeString(1, "merged");
                entry.writeByteArray(2, CuiFiles.message(feature -> {
                    feature.writeByteArray(3, one);
                    feature.writeByteArray(3, two);
                }));
            }));
            // bytes_list, then int64_list: a oneof keeps the last
            features.writeByteArray(1, CuiFiles.message(entry -> {
                entry.writeString(1, "oneof");
                entry.writeByteArray(2, CuiFiles.message(feature -> {
                    feature.writeByteArray(1, bytesList);
                    feature.writeByteArray(3, two);
                }));
            }));
            // the same key twice, bytes first: the map keeps the last entry only
            features.writeByteArray(1, CuiFiles.message(entry -> {
                entry.writeString(1, "key");
                entry.writeByteArray(2, CuiFiles.message(feature -> feature.writeByteArray(1, bytesList)));
            }));
            features.writeByteArray(1, CuiFiles.message(entry -> {
                entry.writeString(1, "key");
                entry.writeByteArray(2, CuiFiles.message(feature -> feature.writeByteArray(3, one)));
            }));
        })));
        TfExample parsed = TfExample.parse(example);
        assertThat(parsed.int64s().get("merged")).containsExactly(1, 2);
        assertThat(parsed.int64s().get("oneof")).containsExactly(2);
        assertThat(parsed.bytes()).doesNotContainKeys("oneof", "key");
        assertThat(parsed.int64s().get("key")).containsExactly(1);
    }

    @Test
    void acceptsUnpackedIntegerLists() throws IOException {
        byte[] image = new byte[CifarFormat.IMAGE_BYTES];
        image[5] = 7;
        // Int64List with the label as a plain (unpacked) varint field, as older writers produce.
        byte[] int64List = CuiFiles.message(out -> out.writeInt64(1, 4));
        byte[] example = CuiFiles.message(out -> out.writeByteArray(1, CuiFiles.message(features -> {
            features.writeByteArray(1, CuiFiles.message(entry -> {
                entry.writeString(1, "label");
                entry.writeByteArray(2, CuiFiles.message(feature -> feature.writeByteArray(3, int64List)));
            }));
            features.writeByteArray(1, CuiFiles.message(entry -> {
                entry.writeString(1, "image");
                entry.writeByteArray(2, CuiFiles.message(feature -> feature.writeByteArray(1,
                        CuiFiles.message(list -> list.writeByteArray(1, image)))));
            }));
        })));
        Path file = dir.resolve("one.tfrecords");
        try (OutputStream out = Files.newOutputStream(file)) {
            CuiFiles.frame(out, example);
        }
        ImageSet read = CuiTfRecords.read(CIFAR_10, file);
        assertThat(read.labels()).containsExactly(4);
        assertThat(read.pixels()[5]).isEqualTo((byte) 7);
    }

    @Test
    void corruptRecordIsReportedWithFileRecordAndOffset() throws IOException {
        Path file = dir.resolve("train.tfrecords");
        CuiFiles.write(TestImages.cycling(5, 3, 32, 32, 10, 1), file);
        byte[] bytes = Files.readAllBytes(file);
        int recordBytes = bytes.length / 5;
        bytes[3 * recordBytes + 100] ^= 1; // a pixel of record 3
        Files.write(file, bytes);

        assertThatThrownBy(() -> CuiTfRecords.read(CIFAR_10, file))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("record 3 at byte " + 3 * recordBytes)
                .hasMessageContaining("data checksum mismatch");
    }

    @Test
    void truncatedFileIsReported() throws IOException {
        Path file = dir.resolve("train.tfrecords");
        CuiFiles.write(TestImages.cycling(2, 3, 32, 32, 10, 1), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));

        assertThatThrownBy(() -> CuiTfRecords.read(CIFAR_10, file))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("record 1 at byte " + bytes.length / 2)
                .hasMessageContaining("truncated");
    }

    @Test
    void aRecordLengthBeyondTheFileIsReportedNotAllocated() throws IOException {
        Path file = dir.resolve("train.tfrecords");
        // A frame announcing 900 MB (under the 1 GiB cap, with a valid length checksum) in a small file.
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        header.putLong(900_000_000L);
        header.putInt(TfRecordReader.maskedCrc(header.array(), 0, 8));
        byte[] bytes = Arrays.copyOf(header.array(), 12 + 100);
        Files.write(file, bytes);

        assertThatThrownBy(() -> CuiTfRecords.read(CIFAR_10, file))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("record 0 at byte 0: truncated data (900000000 bytes announced, 96 follow)");
        assertThat(AllocatedBytes.by(() -> CuiTfRecords.read(CIFAR_10, file))).as("bytes allocated reading it")
                .isLessThan(100_000_000L);
    }

    @Test
    void wrongImageSizeAndLabelAreReported() throws IOException {
        Path small = dir.resolve("small.tfrecords");
        try (OutputStream out = Files.newOutputStream(small)) {
            CuiFiles.frame(out, CuiFiles.example(new byte[28 * 28], 1));
        }
        assertThatThrownBy(() -> CuiTfRecords.read(CIFAR_10, small))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("record 0: feature 'image' must be one byte string of 3072 bytes")
                .hasMessageContaining("got 784 bytes");

        Path label = dir.resolve("label.tfrecords");
        try (OutputStream out = Files.newOutputStream(label)) {
            CuiFiles.frame(out, CuiFiles.example(new byte[CifarFormat.IMAGE_BYTES], 1));
            CuiFiles.frame(out, CuiFiles.example(new byte[CifarFormat.IMAGE_BYTES], 10));
        }
        assertThatThrownBy(() -> CuiTfRecords.read(CIFAR_10, label))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("record 1: label 10 out of range [0, 10)");
    }

    @Test
    void directoryNamesFollowCuisScripts() {
        assertThat(CuiTfRecords.directoryName("cifar-10", 100)).isEqualTo("cifar-10-data-im-0.01");
        assertThat(CuiTfRecords.directoryName("cifar-10", 50)).isEqualTo("cifar-10-data-im-0.02");
        assertThat(CuiTfRecords.directoryName("cifar-10", 200)).isEqualTo("cifar-10-data-im-0.005");
        assertThat(CuiTfRecords.directoryName("cifar-100", 10)).isEqualTo("cifar-100-data-im-0.1");
        assertThat(CuiTfRecords.directoryName("cifar-100", 20)).isEqualTo("cifar-100-data-im-0.05");
        // str(1 / 1), str(1 / 1e5), str(1 / 40000), as Python writes them
        assertThat(CuiTfRecords.directoryName("cifar-10", 1)).isEqualTo("cifar-10-data-im-1.0");
        assertThat(CuiTfRecords.directoryName("cifar-10", 1e5)).isEqualTo("cifar-10-data-im-1e-05");
        assertThat(CuiTfRecords.directoryName("cifar-10", 40000)).isEqualTo("cifar-10-data-im-2.5e-05");
        assertThat(CuiTfRecords.pythonString(1e16)).isEqualTo("1e+16");
        assertThat(CuiTfRecords.pythonString(1234.5)).isEqualTo("1234.5");
        assertThat(CuiTfRecords.pythonString(0.0001)).isEqualTo("0.0001");
        assertThatThrownBy(() -> CuiTfRecords.directoryName("fashion-mnist", 100))
                .hasMessageContaining("cifar-10 and cifar-100 only, not fashion-mnist");
    }

    @Test
    void loadsTheLongTailedTrainingSetAndTheTestSet() throws IOException {
        writeCifar10(dir.resolve("cifar-10-data-im-0.01"), 100);

        DatasetSplits splits = CuiTfRecords.load(CIFAR_10, dir, 100);

        assertThat(splits.trainPool().classCounts()).containsExactly(5000, 2997, 1796, 1077, 645, 387, 232, 139, 83, 50);
        assertThat(splits.test().size()).isEqualTo(20);
        assertThat(splits.source()).endsWith("cifar-10-data-im-0.01");
    }

    @Test
    void refusesAFileOfAnotherImbalance() throws IOException {
        writeCifar10(dir.resolve("cifar-10-data-im-0.02"), 100);

        assertThatThrownBy(() -> CuiTfRecords.load(CIFAR_10, dir, 50))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("cifar-10-data-im-0.02")
                .hasMessageContaining("holds [5000, 2997, 1796")
                .hasMessageContaining("imbalance-50.0 set holds [5000, 3237, 2096");
    }

    @Test
    void missingFilesNameTheDirectorySearched() {
        assertThatThrownBy(() -> CuiTfRecords.load(CIFAR_10, dir, 100))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("train.tfrecords, eval.tfrecords")
                .hasMessageContaining(dir.resolve("cifar-10-data-im-0.01").toString())
                .hasMessageContaining("the directory does not exist")
                .hasMessageContaining("tailbench.data.dir");
    }

    /** A training file with Cui et al.'s counts at {@code imbalance} and a 20-image test file. */
    static void writeCifar10(Path target, double imbalance) throws IOException {
        int[] counts = LongTailProfile.exponential(imbalance).counts(5000, 10);
        int[] labels = new int[Arrays.stream(counts).sum()];
        int next = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int k = 0; k < counts[c]; k++) {
                labels[next++] = c;
            }
        }
        CuiFiles.write(TestImages.withLabels(labels, 3, 32, 32, 10, 2), target.resolve(CuiTfRecords.TRAIN_FILE));
        CuiFiles.write(TestImages.cycling(20, 3, 32, 32, 10, 3), target.resolve(CuiTfRecords.EVAL_FILE));
    }
}
