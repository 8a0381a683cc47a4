package dev.tailbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CIFAR's Python version (pickled batches), against the binary version of the same images. */
class CifarPickleReaderTest {

    /** The real archives beside the repository, where a machine has both versions. */
    private static final Path SHARED = Path.of("../shared/datasets");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "python3 keys and data: {0}")
    @ValueSource(booleans = {false, true})
    void cifar10ReadsTheSameImagesLabelsAndOrderAsTheBinaryVersion(boolean python3) throws IOException {
        Random random = new Random(7);
        Path py = Files.createDirectories(dir.resolve("py/cifar-10-batches-py"));
        Path bin = Files.createDirectories(dir.resolve("bin/cifar-10-batches-bin"));
        CifarFormat format = CifarFormat.CIFAR_10;
        for (int b = 0; b < 6; b++) {
            // Batches of different sizes, one above 255 images (BININT2 shape, BINSTRING data).
            int n = b == 2 ? 300 : 3 + b;
            ImageSet batch = randomImages(random, n, 10);
            String pyName = b < 5 ? format.pythonTrainFiles().get(b) : "test_batch";
            String binName = b < 5 ? format.trainFiles().get(b) : "test_batch.bin";
            CifarPickleWriter.writeBatch(py.resolve(pyName), batch.pixels(), batch.labels(), format, python3);
            CifarBinaryWriter.write(batch, format, bin.resolve(binName));
        }
        CifarPickleWriter.writeMeta(py.resolve("batches.meta"), CifarBinaryReader.CIFAR_10_CLASSES, format, python3);

        DatasetSplits fromPickles = DatasetLoader.load(Datasets.CIFAR_10, dir.resolve("py"));
        DatasetSplits fromBinary = DatasetLoader.load(Datasets.CIFAR_10, dir.resolve("bin"));

        assertThat(fromPickles.trainPool().size()).isEqualTo(3 + 4 + 300 + 6 + 7);
        assertThat(fromPickles.trainPool().labels()).containsExactly(fromBinary.trainPool().labels());
        assertThat(fromPickles.trainPool().pixels()).isEqualTo(fromBinary.trainPool().pixels());
        assertThat(fromPickles.test().labels()).containsExactly(fromBinary.test().labels());
        assertThat(fromPickles.test().pixels()).isEqualTo(fromBinary.test().pixels());
        assertThat(fromPickles.info().classNames()).isEqualTo(CifarBinaryReader.CIFAR_10_CLASSES);
        assertThat(fromPickles.source()).endsWith("cifar-10-batches-py");
        assertThat(fromPickles.warnings()).singleElement().asString().contains("not the official files");
    }

    @Test
    void cifar100ReadsFineLabelsAndTheMetaFilesNames() throws IOException {
        Path py = Files.createDirectories(dir.resolve("cifar-100-python"));
        Random random = new Random(3);
        ImageSet train = randomImages(random, 40, 100);
        ImageSet test = randomImages(random, 12, 100);
        CifarPickleWriter.writeBatch(py.resolve("train"), train.pixels(), train.labels(), CifarFormat.CIFAR_100, false);
        CifarPickleWriter.writeBatch(py.resolve("test"), test.pixels(), test.labels(), CifarFormat.CIFAR_100, false);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            names.add("fine_" + i);
        }
        CifarPickleWriter.writeMeta(py.resolve("meta"), names, CifarFormat.CIFAR_100, false);

        DatasetSplits splits = DatasetLoader.load(Datasets.CIFAR_100, dir);

        assertThat(splits.trainPool().labels()).containsExactly(train.labels());
        assertThat(splits.trainPool().pixels()).isEqualTo(train.pixels());
        assertThat(splits.test().labels()).containsExactly(test.labels());
        assertThat(splits.info().classNames()).isEqualTo(names);
    }

    @Test
    void withBothVersionsTheBinaryOneIsRead() throws IOException {
        Files.createDirectories(dir.resolve("cifar-10-batches-py"));
        Files.createDirectories(dir.resolve("cifar-10-batches-bin"));

        assertThat(DatasetLoader.usesPythonVersion(CifarFormat.CIFAR_10, dir)).isFalse();
        Files.delete(dir.resolve("cifar-10-batches-bin"));
        assertThat(DatasetLoader.usesPythonVersion(CifarFormat.CIFAR_10, dir)).isTrue();
    }

    @Test
    void aTruncatedBatchFailsNamingTheFile() throws IOException {
        Path file = dir.resolve("data_batch_1");
        ImageSet batch = randomImages(new Random(1), 5, 10);
        CifarPickleWriter.writeBatch(file, batch.pixels(), batch.labels(), CifarFormat.CIFAR_10, false);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> CifarPickleReader.read(CifarFormat.CIFAR_10, List.of(file), null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(file + ": ");
    }

    @Test
    void anArrayOfTheWrongShapeFails() throws IOException {
        Path file = dir.resolve("data_batch_1");
        // 4 "images" of 3072 bytes pickled as 3 x 4096: same bytes, wrong shape.
        ImageSet batch = randomImages(new Random(1), 4, 10);
        CifarPickleWriter.writeBatch(file, batch.pixels(), new int[] {1, 2, 3}, CifarFormat.CIFAR_10, false);

        assertThatThrownBy(() -> CifarPickleReader.read(CifarFormat.CIFAR_10, List.of(file), null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(file + ": 'data' holds 12288 bytes for shape [3, 3072]: the file is damaged");
    }

    @Test
    void aLabelOutOfRangeFails() throws IOException {
        Path file = dir.resolve("data_batch_1");
        ImageSet batch = randomImages(new Random(1), 2, 10);
        CifarPickleWriter.writeBatch(file, batch.pixels(), new int[] {1, 10}, CifarFormat.CIFAR_10, false);

        assertThatThrownBy(() -> CifarPickleReader.read(CifarFormat.CIFAR_10, List.of(file), null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(file + ": label 10 of image 1 out of range [0, 10)");
    }

    @Test
    void aFileThatIsNoPickleFails() throws IOException {
        Path file = dir.resolve("data_batch_1");
        Files.writeString(file, "data,labels\n1,2\n");

        assertThatThrownBy(() -> CifarPickleReader.read(CifarFormat.CIFAR_10, List.of(file), null))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(file + ": ");
    }

    /**
     * README says CIFAR's two official versions hold the same images in the same order; where a
     * machine has both beside the repository, this checks it on the real files.
     */
    @Test
    void theRealBinaryAndPythonVersionsAgree() throws IOException {
        for (CifarFormat format : CifarFormat.values()) {
            boolean both = Files.isDirectory(SHARED.resolve(format.directoryName()))
                    && Files.isDirectory(SHARED.resolve(format.pythonDirectoryName()));
            assumeTrue(both, "the real " + format + " archives are not both in " + SHARED);
            ImageSet binary = CifarBinaryReader.readTrain(format, SHARED.resolve(format.directoryName()));
            ImageSet python = CifarPickleReader.readTrain(format, SHARED.resolve(format.pythonDirectoryName()));
            assertThat(python.labels()).containsExactly(binary.labels());
            assertThat(python.pixels()).isEqualTo(binary.pixels());
        }
    }

    private static ImageSet randomImages(Random random, int n, int classes) {
        byte[] pixels = new byte[n * CifarFormat.IMAGE_BYTES];
        random.nextBytes(pixels);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("c" + c);
        }
        return ImageSet.of(pixels, labels, 3, 32, 32, names);
    }
}
