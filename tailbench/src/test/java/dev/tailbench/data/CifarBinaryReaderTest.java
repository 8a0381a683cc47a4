package dev.tailbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBinaryReaderTest {

    @TempDir Path dir;

    @Test
    void cifar10RoundTrip() throws IOException {
        ImageSet set = TestImages.cycling(7, 3, 32, 32, 10, 3);
        Path file = dir.resolve("test_batch.bin");
        CifarBinaryWriter.write(set, CifarFormat.CIFAR_10, file);

        assertThat(Files.size(file)).isEqualTo(7 * 3073L);
        ImageSet read = CifarBinaryReader.read(CifarFormat.CIFAR_10, List.of(file), null);
        assertThat(read.pixels()).isEqualTo(set.pixels());
        assertThat(read.labels()).isEqualTo(set.labels());
        assertThat(read.channels()).isEqualTo(3);
        assertThat(read.height()).isEqualTo(32);
        assertThat(read.width()).isEqualTo(32);
    }

    @Test
    void recordBytesLandAtTheirChwPosition() throws IOException {
        // One hand-made record: label 7, then the R, G, B planes of 32x32 row-major.
        byte[] record = new byte[3073];
        record[0] = 7;
        record[1 + 0] = 11; // R, y=0, x=0
        record[1 + 1024 + 32 * 5 + 3] = 22; // G, y=5, x=3
        record[1 + 2048 + 1023] = (byte) 250; // B, y=31, x=31
        Path file = Files.write(dir.resolve("data_batch_1.bin"), record);

        ImageSet read = CifarBinaryReader.read(CifarFormat.CIFAR_10, List.of(file),
                CifarBinaryReader.CIFAR_10_CLASSES);
        assertThat(read.label(0)).isEqualTo(7);
        assertThat(read.classNames().get(7)).isEqualTo("horse");
        byte[] p = read.pixels();
        assertThat(p[chw(0, 0, 0)]).isEqualTo((byte) 11);
        assertThat(p[chw(1, 5, 3)]).isEqualTo((byte) 22);
        assertThat(p[chw(2, 31, 31)] & 0xff).isEqualTo(250);
    }

    @Test
    void cifar100UsesTheFineLabel() throws IOException {
        byte[] record = new byte[2 * 3074];
        record[0] = 3; // coarse
        record[1] = 42; // fine
        record[2] = 99; // R (0, 0)
        record[3074] = 19;
        record[3074 + 1] = 99;
        Path file = Files.write(dir.resolve("test.bin"), record);

        ImageSet read = CifarBinaryReader.read(CifarFormat.CIFAR_100, List.of(file), null);
        assertThat(read.labels()).containsExactly(42, 99);
        assertThat(read.classCount()).isEqualTo(100);
        assertThat(read.pixels()[0]).isEqualTo((byte) 99);
    }

    @Test
    void cifar100RoundTripKeepsCoarseLabelsInTheFile() throws IOException {
        ImageSet set = TestImages.cycling(5, 3, 32, 32, 100, 4);
        Path file = dir.resolve("train.bin");
        CifarBinaryWriter.writeCifar100(set, new int[] {10, 11, 12, 13, 14}, file);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).hasSize(5 * 3074);
        assertThat(bytes[3074 * 2]).isEqualTo((byte) 12);
        assertThat(bytes[3074 * 2 + 1]).isEqualTo((byte) 2);
        ImageSet read = CifarBinaryReader.read(CifarFormat.CIFAR_100, List.of(file), null);
        assertThat(read.labels()).isEqualTo(set.labels());
        assertThat(read.pixels()).isEqualTo(set.pixels());
    }

    @Test
    void readTrainConcatenatesTheFiveBatchesInOrder() throws IOException {
        List<ImageSet> batches = new ArrayList<>();
        for (int b = 1; b <= 5; b++) {
            ImageSet batch = TestImages.cycling(b, 3, 32, 32, 10, b);
            batches.add(batch);
            CifarBinaryWriter.write(batch, CifarFormat.CIFAR_10, dir.resolve("data_batch_" + b + ".bin"));
        }
        ImageSet train = CifarBinaryReader.readTrain(CifarFormat.CIFAR_10, dir);

        assertThat(train.size()).isEqualTo(15);
        assertThat(train.classNames()).isEqualTo(CifarBinaryReader.CIFAR_10_CLASSES);
        // image 0 of batch 3 follows the 1 + 2 images of batches 1 and 2
        assertThat(train.subset(new int[] {3}).pixels()).isEqualTo(
                batches.get(2).subset(new int[] {0}).pixels());
    }

    @Test
    void cifar100ClassNamesFromFileOrGenerated() throws IOException {
        assertThat(CifarBinaryReader.classNames(CifarFormat.CIFAR_100, dir))
                .hasSize(100).startsWith("class-0").endsWith("class-99");

        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            names.add("name" + i);
        }
        Files.write(dir.resolve("fine_label_names.txt"), names);
        assertThat(CifarBinaryReader.classNames(CifarFormat.CIFAR_100, dir)).isEqualTo(names);

        Files.write(dir.resolve("fine_label_names.txt"), names.subList(0, 20));
        assertThatThrownBy(() -> CifarBinaryReader.classNames(CifarFormat.CIFAR_100, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("fine_label_names.txt")
                .hasMessageContaining("20 non-empty lines, expected 100");
    }

    @Test
    void lengthNotAMultipleOfTheRecordSize() throws IOException {
        Path file = Files.write(dir.resolve("data_batch_1.bin"), new byte[3073 * 2 + 100]);

        assertThatThrownBy(() -> CifarBinaryReader.read(CifarFormat.CIFAR_10, List.of(file), null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(file + ": length 6246 bytes is not a multiple of the"
                        + " CIFAR_10 record size 3073");
        // a CIFAR-10 file is not a CIFAR-100 file
        Path cifar10 = Files.write(dir.resolve("train.bin"), new byte[3073 * 2]);
        assertThatThrownBy(() -> CifarBinaryReader.read(CifarFormat.CIFAR_100, List.of(cifar10), null))
                .hasMessageContaining("record size 3074");
    }

    @Test
    void emptyFileAndLabelOutOfRange() throws IOException {
        Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);
        assertThatThrownBy(() -> CifarBinaryReader.read(CifarFormat.CIFAR_10, List.of(empty), null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(empty + ": empty file");

        byte[] records = new byte[3073 * 2];
        records[3073] = 10;
        Path bad = Files.write(dir.resolve("bad.bin"), records);
        assertThatThrownBy(() -> CifarBinaryReader.read(CifarFormat.CIFAR_10, List.of(bad), null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(bad + ": label 10 at record 1 out of range [0, 10)");
    }

    private static int chw(int c, int y, int x) {
        return (c * 32 + y) * 32 + x;
    }
}
