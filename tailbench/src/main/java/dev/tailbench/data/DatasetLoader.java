package dev.tailbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a known data set from a data directory, or the embedded Fashion-MNIST-LT subset.
 *
 * <p>Layout under the data directory, as the official archives unpack:
 * <ul>
 *   <li>{@code fashion-mnist/} and {@code mnist/}: {@code train-images-idx3-ubyte},
 *       {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 *       {@code t10k-labels-idx1-ubyte}, each with or without {@code .gz} (the {@code .gz} one
 *       is used if both exist);
 *   <li>{@code cifar-10-batches-bin/}: {@code data_batch_1.bin} .. {@code data_batch_5.bin},
 *       {@code test_batch.bin};
 *   <li>{@code cifar-100-binary/}: {@code train.bin}, {@code test.bin} and optionally
 *       {@code fine_label_names.txt};
 *   <li>or, where the binary directory does not exist, CIFAR's Python version:
 *       {@code cifar-10-batches-py/} ({@code data_batch_1} .. {@code data_batch_5},
 *       {@code test_batch}, optionally {@code batches.meta}) and {@code cifar-100-python/}
 *       ({@code train}, {@code test}, optionally {@code meta}), read by {@link CifarPickleReader}.
 * </ul>
 */
public final class DatasetLoader {

    /**
     * The configuration key naming the data directory (the engine reads it as
     * {@code Constants.DATA_DIR}); named in error messages so the user knows what to set.
     */
    public static final String DATA_DIR_PROPERTY = "tailbench.data.dir";

    /** Class path folder holding one sub-folder per embedded data set. */
    public static final String EMBEDDED_RESOURCES = "/dev/tailbench/data/embedded/";

    /** The only data set embedded in the jar, kept small enough to ship (about 2 MB). */
    public static final String EMBEDDED_DATASET = Datasets.FASHION_MNIST;

    /** IDX file names, without {@code .gz}: train images, train labels, test images, labels. */
    public static final List<String> IDX_FILES = List.of("train-images-idx3-ubyte",
            "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private static final String GZ = ".gz";

    private DatasetLoader() {}

    /**
     * Loads data set {@code name}.
     *
     * @param dataDir the data directory, or {@code null} for the embedded data (only
     *     {@value #EMBEDDED_DATASET})
     * @throws IllegalArgumentException if the name is not a known data set
     * @throws DatasetNotFoundException if files are missing; the message names them, the
     *     directory searched and {@value #DATA_DIR_PROPERTY}
     * @throws DatasetFormatException if a file is malformed
     */
    public static DatasetSplits load(String name, Path dataDir) throws IOException {
        DatasetInfo info = Datasets.get(name);
        if (dataDir == null) {
            return loadEmbedded(info);
        }
        switch (name) {
            case Datasets.FASHION_MNIST:
            case Datasets.MNIST:
                return loadIdx(info, dataDir.resolve(name));
            case Datasets.CIFAR_10:
                return loadCifar(info, CifarFormat.CIFAR_10, dataDir);
            case Datasets.CIFAR_100:
                return loadCifar(info, CifarFormat.CIFAR_100, dataDir);
            default:
                throw new IllegalStateException("no loader for registered data set " + name);
        }
    }

    /**
     * Loads an IDX data set from {@code dir} itself (not a sub-directory), for tools that are
     * given the data set's own directory.
     */
    public static DatasetSplits loadIdx(DatasetInfo info, Path dir) throws IOException {
        List<Path> files = idxFiles(info.name(), dir);
        ImageSet train = IdxReader.read(files.get(0), files.get(1), info.classCount(),
                info.classNames());
        ImageSet test = IdxReader.read(files.get(2), files.get(3), info.classCount(),
                info.classNames());
        return new DatasetSplits(info, train, test, absolute(dir));
    }

    /**
     * The four IDX files of {@code dir} in {@link #IDX_FILES}' order, each the {@code .gz} one when
     * both exist.
     *
     * @throws DatasetNotFoundException naming the missing ones
     */
    static List<Path> idxFiles(String name, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String file : IDX_FILES) {
            Path gz = dir.resolve(file + GZ);
            Path plain = dir.resolve(file);
            if (Files.isRegularFile(gz)) {
                files.add(gz);
            } else if (Files.isRegularFile(plain)) {
                files.add(plain);
            } else {
                missing.add(file + "[.gz]");
            }
        }
        checkFound(name, dir, missing);
        return files;
    }

    /**
     * The CIFAR files of {@code dataDir}, training ones first, in the order their records are read.
     *
     * @throws DatasetNotFoundException naming the missing ones
     */
    static List<Path> cifarFiles(String name, CifarFormat format, Path dataDir) throws IOException {
        boolean python = usesPythonVersion(format, dataDir);
        Path dir = dataDir.resolve(python ? format.pythonDirectoryName() : format.directoryName());
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> needed = new ArrayList<>(python ? format.pythonTrainFiles() : format.trainFiles());
        needed.addAll(python ? format.pythonTestFiles() : format.testFiles());
        for (String file : needed) {
            if (Files.isRegularFile(dir.resolve(file))) {
                files.add(dir.resolve(file));
            }
            else {
                missing.add(file);
            }
        }
        checkFound(name, dir, missing);
        return files;
    }

    /**
     * Whether a CIFAR data set is read from its Python version: only where the binary version's
     * directory does not exist and the Python version's does (with both, the binary one is read).
     */
    static boolean usesPythonVersion(CifarFormat format, Path dataDir) {
        return !Files.isDirectory(dataDir.resolve(format.directoryName()))
                && Files.isDirectory(dataDir.resolve(format.pythonDirectoryName()));
    }

    /** Reads the records of CIFAR files in order, as both versions' readers do. */
    @FunctionalInterface
    private interface CifarFiles {
        ImageSet read(CifarFormat format, List<Path> files, List<String> classNames) throws IOException;
    }

    private static DatasetSplits loadCifar(DatasetInfo info, CifarFormat format, Path dataDir)
            throws IOException {
        boolean python = usesPythonVersion(format, dataDir);
        Path dir = dataDir.resolve(python ? format.pythonDirectoryName() : format.directoryName());
        List<Path> files = cifarFiles(info.name(), format, dataDir);
        List<String> classNames = python ? CifarPickleReader.classNames(format, dir)
                : CifarBinaryReader.classNames(format, dir);
        DatasetInfo named = new DatasetInfo(info.name(), info.channels(), info.height(),
                info.width(), info.classCount(), classNames, info.mean(), info.std(),
                info.defaultCropPadding());
        // The files found above, training ones first; the class names read once.
        CifarFiles reader = python ? CifarPickleReader::read : CifarBinaryReader::read;
        int trainFiles = (python ? format.pythonTrainFiles() : format.trainFiles()).size();
        ImageSet train = reader.read(format, files.subList(0, trainFiles), classNames);
        ImageSet test = reader.read(format, files.subList(trainFiles, files.size()), classNames);
        // A file cut at a record boundary reads as a smaller data set: say so.
        List<String> warnings = new ArrayList<>();
        if (python) {
            int officialTrain = format.officialRecords(format.trainFiles().get(0)) * format.trainFiles().size();
            if (train.size() != officialTrain || test.size() != 10_000) {
                warnings.add(dir + " holds " + train.size() + " training and " + test.size() + " test images, the "
                        + "official " + info.name() + " " + officialTrain + " and 10000: these are not the official "
                        + "files, and published figures do not apply to them");
            }
        }
        else {
            for (Path file : files) {
                String name = file.getFileName().toString();
                long records = Files.size(file) / format.recordSize();
                if (records != format.officialRecords(name)) {
                    warnings.add(file + " holds " + records + " images, the official " + name + " "
                            + format.officialRecords(name) + ": these are not the official " + info.name()
                            + " files, and published figures do not apply to them");
                }
            }
        }
        return new DatasetSplits(named, train, test, absolute(dir), warnings);
    }

    private static DatasetSplits loadEmbedded(DatasetInfo info) throws IOException {
        String folder = EMBEDDED_RESOURCES + info.name() + "/";
        String source = "embedded:" + folder;
        if (!info.name().equals(EMBEDDED_DATASET)) {
            throw new DatasetNotFoundException(source, List.of(info.name()), "data set '"
                    + info.name() + "' is not embedded, only " + EMBEDDED_DATASET + " is; set the"
                    + " data directory with -D" + DATA_DIR_PROPERTY + "=<dir> to a directory"
                    + " holding the full data set (see DatasetLoader for the layout)");
        }
        List<String> missing = new ArrayList<>();
        for (String file : IDX_FILES) {
            if (DatasetLoader.class.getResource(folder + file + GZ) == null) {
                missing.add(file + GZ);
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetNotFoundException(source, missing, "embedded " + info.name()
                    + " is incomplete: missing " + String.join(", ", missing) + " in class path"
                    + " folder " + folder + " (regenerate it with EmbeddedDatasetBuilder), or set"
                    + " -D" + DATA_DIR_PROPERTY + "=<dir> to read the full data set");
        }
        ImageSet train = readResources(info, folder, IDX_FILES.get(0), IDX_FILES.get(1));
        ImageSet test = readResources(info, folder, IDX_FILES.get(2), IDX_FILES.get(3));
        return new DatasetSplits(info, train, test, source);
    }

    private static ImageSet readResources(DatasetInfo info, String folder, String images,
            String labels) throws IOException {
        String imagesName = folder + images + GZ;
        String labelsName = folder + labels + GZ;
        try (InputStream imageStream = DatasetLoader.class.getResourceAsStream(imagesName);
                InputStream labelStream = DatasetLoader.class.getResourceAsStream(labelsName)) {
            return IdxReader.read(imageStream, "embedded:" + imagesName, labelStream,
                    "embedded:" + labelsName, info.classCount(), info.classNames());
        }
    }

    static void checkFound(String name, Path dir, List<String> missing)
            throws DatasetNotFoundException {
        if (missing.isEmpty()) {
            return;
        }
        String where = absolute(dir);
        String state = Files.isDirectory(dir) ? "" : " (the directory does not exist)";
        throw new DatasetNotFoundException(where, missing, name + ": missing "
                + String.join(", ", missing) + " in " + where + state + ". Put the official files"
                + " there, or point the data directory setting " + DATA_DIR_PROPERTY + " (-D"
                + DATA_DIR_PROPERTY + "=<dir>, which must contain " + dir.getFileName()
                + "/) at a copy; leave it unset to use the embedded " + EMBEDDED_DATASET
                + " subset.");
    }

    private static String absolute(Path dir) {
        return dir.toAbsolutePath().normalize().toString();
    }
}
