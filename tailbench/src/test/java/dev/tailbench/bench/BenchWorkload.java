package dev.tailbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import dev.tailbench.data.CifarBinaryWriter;
import dev.tailbench.data.CifarFormat;
import dev.tailbench.data.DatasetInfo;
import dev.tailbench.data.Datasets;
import dev.tailbench.data.IdxWriter;
import dev.tailbench.data.ImageSet;
import dev.tailbench.data.LongTailProfile;

/**
 * A throughput workload: a backbone on a data set, drawn long-tailed (exponential profile, IF 100)
 * from a synthetic balanced pool written in the data set's real file format. The {@code full} pool
 * has the real data set's size per class, so the draw is the real long-tailed training set
 * (Fashion-MNIST-LT 14,886 images, CIFAR-10-LT 12,406); the {@code small} pool has 800 per class,
 * a draw of 1,982 images, the size where per-epoch costs show. Both have a test set of 1,000
 * images, evaluated after every epoch. Pixel values do not change the arithmetic, so random bytes
 * measure the work of real images.
 *
 * @param name     the name {@code run.sh} and the PyTorch peer use
 * @param dataset  tailbench's data set name
 * @param backbone tailbench's backbone name
 */
record BenchWorkload(String name, String dataset, String backbone) {

    static final List<BenchWorkload> ALL = List.of(
            new BenchWorkload("resnet8-fmnist", Datasets.FASHION_MNIST, "resnet8"),
            new BenchWorkload("resnet32-cifar", Datasets.CIFAR_10, "resnet32"));
    static final int SMALL_POOL_PER_CLASS = 800;
    static final int TEST_PER_CLASS = 100;
    static final double IMBALANCE = 100;
    static final long DATA_SEED = 20240601L;

    static BenchWorkload named(String name) {
        return ALL.stream().filter(w -> w.name.equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown workload " + name + "; known: "
                        + ALL.stream().map(BenchWorkload::name).toList()));
    }

    DatasetInfo info() {
        return Datasets.get(dataset);
    }

    /** Images per class of the balanced pool: the real training set's, or the small one's. */
    int poolPerClass(String size) {
        return switch (size) {
            case "full" -> dataset.equals(Datasets.CIFAR_10) ? 5_000 : 6_000;
            case "small" -> SMALL_POOL_PER_CLASS;
            default -> throw new IllegalArgumentException("size is full or small, not " + size);
        };
    }

    /** The training images of the long-tailed draw from the pool (14,886, 12,406 or 1,982). */
    int longTailImages(String size) {
        return IntStream.of(LongTailProfile.exponential(IMBALANCE).counts(poolPerClass(size), info().classCount()))
                .sum();
    }

    /** The balanced test set's images. */
    int testImages() {
        return TEST_PER_CLASS * info().classCount();
    }

    /** Writes the pool and the test set under {@code root} as the real loader reads them. */
    void write(Path root, String size) throws IOException {
        SplittableRandom random = new SplittableRandom(DATA_SEED);
        DatasetInfo info = info();
        ImageSet pool = randomSet(poolPerClass(size) * info.classCount(), info, random);
        ImageSet test = randomSet(testImages(), info, random);
        if (dataset.equals(Datasets.CIFAR_10)) {
            Path dir = root.resolve(CifarFormat.CIFAR_10.directoryName());
            Files.createDirectories(dir);
            // The reader wants CIFAR-10's five training files: the pool split evenly, each balanced.
            int perFile = pool.size() / 5;
            for (int file = 0; file < 5; file++) {
                CifarBinaryWriter.write(pool.subset(range(file * perFile, (file + 1) * perFile)), CifarFormat.CIFAR_10,
                        dir.resolve("data_batch_" + (file + 1) + ".bin"));
            }
            CifarBinaryWriter.write(test, CifarFormat.CIFAR_10, dir.resolve("test_batch.bin"));
        }
        else {
            Path dir = root.resolve(dataset);
            Files.createDirectories(dir);
            IdxWriter.write(pool, dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"), false);
            IdxWriter.write(test, dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"), false);
        }
    }

    /** The directory {@link #write} fills for a size, under a parent. */
    Path dataDir(Path parent, String size) {
        return parent.resolve(String.format(Locale.ROOT, "%s-%s", name, size));
    }

    private static int[] range(int from, int to) {
        int[] indices = new int[to - from];
        Arrays.setAll(indices, i -> from + i);
        return indices;
    }

    /** {@code count} random images, labels cycling over the classes, so every file is balanced. */
    private static ImageSet randomSet(int count, DatasetInfo info, SplittableRandom random) {
        byte[] pixels = new byte[count * info.channels() * info.height() * info.width()];
        random.nextBytes(pixels);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % info.classCount();
        }
        return ImageSet.of(pixels, labels, info.channels(), info.height(), info.width(), info.classNames());
    }
}
