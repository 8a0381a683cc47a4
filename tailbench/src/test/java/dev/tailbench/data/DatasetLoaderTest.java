package dev.tailbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

    @TempDir Path dataDir;

    @Test
    void registryKnowsTheFourDataSets() {
        assertThat(Datasets.names()).containsExactly("fashion-mnist", "mnist", "cifar-10", "cifar-100");
        DatasetInfo fashion = Datasets.find("fashion-mnist").orElseThrow();
        assertThat(fashion.channels()).isEqualTo(1);
        assertThat(fashion.height()).isEqualTo(28);
        assertThat(fashion.classNames()).startsWith("T-shirt/top", "Trouser").endsWith("Ankle boot");
        assertThat(fashion.mean()).containsExactly(0.2860);
        assertThat(fashion.std()).containsExactly(0.3530);
        assertThat(fashion.defaultCropPadding()).isEqualTo(4);
        assertThat(Datasets.get("mnist").classNames()).containsExactly(
                "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        DatasetInfo cifar10 = Datasets.get("cifar-10");
        assertThat(cifar10.channels()).isEqualTo(3);
        assertThat(cifar10.mean()).containsExactly(0.4914, 0.4822, 0.4465);
        assertThat(cifar10.std()).containsExactly(0.2023, 0.1994, 0.2010);
        assertThat(Datasets.get("cifar-100").classCount()).isEqualTo(100);
        assertThat(Datasets.get("cifar-100").mean()).containsExactly(0.5071, 0.4865, 0.4409);
        assertThat(Datasets.find("imagenet")).isEmpty();
        assertThatThrownBy(() -> Datasets.get("imagenet"))
                .hasMessageContaining("imagenet").hasMessageContaining("cifar-10");
    }

    @Test
    void loadsIdxFromTheDataDirectoryPlainOrGz() throws IOException {
        Path dir = dataDir.resolve("mnist");
        ImageSet train = TestImages.cycling(20, 1, 28, 28, 10, 1);
        ImageSet test = TestImages.cycling(10, 1, 28, 28, 10, 2);
        IdxWriter.write(train, dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"), true);
        IdxWriter.write(test, dir.resolve("t10k-images-idx3-ubyte"),
                dir.resolve("t10k-labels-idx1-ubyte"), false);

        DatasetSplits splits = DatasetLoader.load("mnist", dataDir);
        assertThat(splits.info().name()).isEqualTo("mnist");
        assertThat(splits.trainPool().pixels()).isEqualTo(train.pixels());
        assertThat(splits.test().labels()).isEqualTo(test.labels());
        assertThat(splits.test().classNames()).containsExactly(
                "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(splits.source()).isEqualTo(dir.toAbsolutePath().normalize().toString());
    }

    @Test
    void prefersTheGzFile() throws IOException {
        Path dir = dataDir.resolve("fashion-mnist");
        ImageSet gz = TestImages.cycling(4, 1, 28, 28, 10, 1);
        ImageSet plain = TestImages.cycling(6, 1, 28, 28, 10, 2);
        for (int i = 0; i < 4; i += 2) {
            String images = DatasetLoader.IDX_FILES.get(i);
            String labels = DatasetLoader.IDX_FILES.get(i + 1);
            IdxWriter.write(gz, dir.resolve(images + ".gz"), dir.resolve(labels + ".gz"), true);
            IdxWriter.write(plain, dir.resolve(images), dir.resolve(labels), false);
        }
        assertThat(DatasetLoader.load("fashion-mnist", dataDir).trainPool().size()).isEqualTo(4);
    }

    @Test
    void missingFilesAreNamedWithTheDirectoryAndTheSetting() throws IOException {
        Path dir = dataDir.resolve("fashion-mnist");
        ImageSet set = TestImages.cycling(4, 1, 28, 28, 10, 1);
        IdxWriter.write(set, dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"), true);

        assertThatThrownBy(() -> DatasetLoader.load("fashion-mnist", dataDir))
                .isInstanceOf(DatasetNotFoundException.class)
                .isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte")
                .hasMessageContaining("t10k-labels-idx1-ubyte")
                .hasMessageNotContaining("train-images")
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("tailbench.data.dir");
    }

    @Test
    void missingDirectoryIsSaid() {
        assertThatThrownBy(() -> DatasetLoader.load("cifar-10", dataDir))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("data_batch_1.bin")
                .hasMessageContaining("test_batch.bin")
                .hasMessageContaining(dataDir.resolve("cifar-10-batches-bin").toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("tailbench.data.dir");
    }

    @Test
    void loadsCifar10AndCifar100() throws IOException {
        Path c10 = dataDir.resolve("cifar-10-batches-bin");
        for (String file : CifarFormat.CIFAR_10.trainFiles()) {
            CifarBinaryWriter.write(TestImages.cycling(10, 3, 32, 32, 10, 1), CifarFormat.CIFAR_10,
                    c10.resolve(file));
        }
        CifarBinaryWriter.write(TestImages.cycling(3, 3, 32, 32, 10, 1), CifarFormat.CIFAR_10,
                c10.resolve("test_batch.bin"));
        DatasetSplits cifar10 = DatasetLoader.load("cifar-10", dataDir);
        assertThat(cifar10.trainPool().size()).isEqualTo(50);
        assertThat(cifar10.test().size()).isEqualTo(3);
        assertThat(cifar10.info().classNames().get(0)).isEqualTo("airplane");
        // Smaller than the official files (a cut at a record boundary reads the same way): said.
        assertThat(cifar10.warnings()).hasSize(6).first().asString()
                .isEqualTo(c10.resolve("data_batch_1.bin").toAbsolutePath() + " holds 10 images, the official"
                        + " data_batch_1.bin 10000: these are not the official cifar-10 files, and published figures"
                        + " do not apply to them");

        Path c100 = dataDir.resolve("cifar-100-binary");
        CifarBinaryWriter.write(TestImages.cycling(200, 3, 32, 32, 100, 1), CifarFormat.CIFAR_100,
                c100.resolve("train.bin"));
        CifarBinaryWriter.write(TestImages.cycling(100, 3, 32, 32, 100, 1), CifarFormat.CIFAR_100,
                c100.resolve("test.bin"));
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            names.add("fine" + i);
        }
        Files.write(c100.resolve("fine_label_names.txt"), names);
        DatasetSplits cifar100 = DatasetLoader.load("cifar-100", dataDir);
        assertThat(cifar100.trainPool().classCounts()).containsOnly(2);
        assertThat(cifar100.info().classNames()).isEqualTo(names);
        assertThat(cifar100.trainPool().classNames()).isEqualTo(names);
        assertThat(cifar100.info().mean()).containsExactly(0.5071, 0.4865, 0.4409);
    }

    @Test
    void embeddedDefaultIsFashionMnistLt() throws IOException {
        DatasetSplits splits = DatasetLoader.load("fashion-mnist", null);

        assertThat(splits.source()).isEqualTo("embedded:/dev/tailbench/data/embedded/fashion-mnist/");
        assertThat(splits.info()).isEqualTo(Datasets.get("fashion-mnist"));
        assertThat(splits.trainPool().size()).isEqualTo(2974);
        assertThat(splits.trainPool().classCounts())
                .containsExactly(1200, 719, 431, 258, 154, 92, 55, 33, 20, 12)
                .isEqualTo(LongTailProfile.exponential(100).counts(1200, 10));
        assertThat(splits.test().size()).isEqualTo(3000);
        assertThat(splits.test().classCounts()).containsOnly(300);
        assertThat(splits.trainPool().height()).isEqualTo(28);
        assertThat(splits.trainPool().classNames()).endsWith("Ankle boot");
        // Drawing the same profile again from the embedded pool keeps all of it.
        assertThat(LongTailSubset.draw(splits.trainPool(), LongTailProfile.exponential(100), 1)
                .train().size()).isEqualTo(2974);
    }

    @Test
    void onlyFashionMnistIsEmbedded() {
        assertThatThrownBy(() -> DatasetLoader.load("cifar-10", null))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("cifar-10")
                .hasMessageContaining("only fashion-mnist")
                .hasMessageContaining("tailbench.data.dir");
    }

}
