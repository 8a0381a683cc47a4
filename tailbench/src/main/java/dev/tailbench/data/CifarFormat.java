package dev.tailbench.data;

import java.util.List;

/**
 * The two CIFAR binary layouts: fixed-size records of label byte(s) followed by 3072 pixel bytes
 * (1024 red, 1024 green, 1024 blue, each 32x32 row-major, which is already CHW).
 */
public enum CifarFormat {
    /** One label byte per record, 10 classes, five training batches of 10,000 records. */
    CIFAR_10("cifar-10-batches-bin", 1, 10,
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                    "data_batch_4.bin", "data_batch_5.bin"),
            List.of("test_batch.bin"),
            "cifar-10-batches-py",
            List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5"),
            List.of("test_batch"), "batches.meta"),
    /** A coarse then a fine label byte per record; the fine label (100 classes) is used. */
    CIFAR_100("cifar-100-binary", 2, 100, List.of("train.bin"), List.of("test.bin"),
            "cifar-100-python", List.of("train"), List.of("test"), "meta");

    /** Channels, height and width of every CIFAR image. */
    public static final int CHANNELS = 3;
    public static final int SIZE = 32;
    public static final int IMAGE_BYTES = CHANNELS * SIZE * SIZE;

    private final String directoryName;
    private final int labelBytes;
    private final int classCount;
    private final List<String> trainFiles;
    private final List<String> testFiles;
    private final String pythonDirectoryName;
    private final List<String> pythonTrainFiles;
    private final List<String> pythonTestFiles;
    private final String pythonMetaFile;

    CifarFormat(String directoryName, int labelBytes, int classCount, List<String> trainFiles,
            List<String> testFiles, String pythonDirectoryName, List<String> pythonTrainFiles,
            List<String> pythonTestFiles, String pythonMetaFile) {
        this.pythonDirectoryName = pythonDirectoryName;
        this.pythonTrainFiles = pythonTrainFiles;
        this.pythonTestFiles = pythonTestFiles;
        this.pythonMetaFile = pythonMetaFile;
        this.directoryName = directoryName;
        this.labelBytes = labelBytes;
        this.classCount = classCount;
        this.trainFiles = trainFiles;
        this.testFiles = testFiles;
    }

    /** Records of a file of the official archive: CIFAR-10's batches hold 10,000, CIFAR-100's train.bin 50,000. */
    public int officialRecords(String file) {
        return this == CIFAR_100 && file.equals("train.bin") ? 50_000 : 10_000;
    }

    /** Name of the directory the Python version of the archive unpacks to (pickled batches). */
    public String pythonDirectoryName() {
        return pythonDirectoryName;
    }

    /** The pickled training batches of the Python version, in the order of the binary version's files. */
    public List<String> pythonTrainFiles() {
        return pythonTrainFiles;
    }

    /** The pickled test batch of the Python version. */
    public List<String> pythonTestFiles() {
        return pythonTestFiles;
    }

    /** The Python version's pickled meta file with the class names. */
    public String pythonMetaFile() {
        return pythonMetaFile;
    }

    /** Name of the directory the official archive unpacks to. */
    public String directoryName() {
        return directoryName;
    }

    /** Label bytes at the start of each record. */
    public int labelBytes() {
        return labelBytes;
    }

    /** Offset within a record of the label that is used (the fine label for CIFAR-100). */
    public int labelOffset() {
        return labelBytes - 1;
    }

    /** Bytes per record: label bytes plus 3072 pixel bytes. */
    public int recordSize() {
        return labelBytes + IMAGE_BYTES;
    }

    public int classCount() {
        return classCount;
    }

    /** Training file names, in the order their records are concatenated. */
    public List<String> trainFiles() {
        return trainFiles;
    }

    public List<String> testFiles() {
        return testFiles;
    }
}
