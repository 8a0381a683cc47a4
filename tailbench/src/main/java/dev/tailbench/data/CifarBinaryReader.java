package dev.tailbench.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CIFAR-10 and CIFAR-100 binary versions ({@code cifar-10-batches-bin/},
 * {@code cifar-100-binary/}). The record's pixel bytes are copied as they are: the R, G, B planes
 * of 32x32 row-major are exactly the CHW layout of {@link ImageSet}.
 */
public final class CifarBinaryReader {

    /** CIFAR-10 class names, by label. */
    public static final List<String> CIFAR_10_CLASSES = List.of("airplane", "automobile", "bird",
            "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    /** File in the CIFAR-100 directory with one fine class name per line. */
    public static final String CIFAR_100_NAMES_FILE = "fine_label_names.txt";

    private CifarBinaryReader() {}

    /** Reads the training files of {@code format} from {@code dir} (the unpacked directory). */
    public static ImageSet readTrain(CifarFormat format, Path dir) throws IOException {
        return read(format, resolve(dir, format.trainFiles()), classNames(format, dir));
    }

    /** Reads the test file of {@code format} from {@code dir} (the unpacked directory). */
    public static ImageSet readTest(CifarFormat format, Path dir) throws IOException {
        return read(format, resolve(dir, format.testFiles()), classNames(format, dir));
    }

    /**
     * Class names: the fixed CIFAR-10 names; for CIFAR-100 the lines of
     * {@code fine_label_names.txt} in {@code dir} if it exists, else "class-0" .. "class-99".
     */
    public static List<String> classNames(CifarFormat format, Path dir) throws IOException {
        if (format == CifarFormat.CIFAR_10) {
            return CIFAR_10_CLASSES;
        }
        Path file = dir.resolve(CIFAR_100_NAMES_FILE);
        if (!Files.isRegularFile(file)) {
            return IdxReader.classNames(format.classCount(), null);
        }
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        if (names.size() != format.classCount()) {
            throw new DatasetFormatException(file, "has " + names.size()
                    + " non-empty lines, expected " + format.classCount() + " class names");
        }
        return names;
    }

    /**
     * Reads and concatenates the records of {@code files}, in order.
     *
     * @throws DatasetFormatException if a file is empty, its length is not a whole number of
     *     records, or a label is out of range
     */
    public static ImageSet read(CifarFormat format, List<Path> files, List<String> classNames)
            throws IOException {
        List<String> names = IdxReader.classNames(format.classCount(), classNames);
        int recordSize = format.recordSize();
        long total = 0;
        for (Path file : files) {
            long length = Files.size(file);
            if (length == 0) {
                throw new DatasetFormatException(file,
                        "empty file, expected " + format + " records of " + recordSize + " bytes");
            }
            if (length % recordSize != 0) {
                throw new DatasetFormatException(file, "length " + length
                        + " bytes is not a multiple of the " + format + " record size "
                        + recordSize + " (" + format.labelBytes() + " label + "
                        + CifarFormat.IMAGE_BYTES + " pixel bytes); the file is truncated or "
                        + "not " + format);
            }
            total += length / recordSize;
        }
        if (total * CifarFormat.IMAGE_BYTES > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(total + " records do not fit one array");
        }
        int count = (int) total;
        byte[] pixels = new byte[count * CifarFormat.IMAGE_BYTES];
        int[] labels = new int[count];
        byte[] record = new byte[recordSize];
        int index = 0;
        for (Path file : files) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                for (int r = 0; ; r++) {
                    int read = in.readNBytes(record, 0, recordSize);
                    if (read == 0) {
                        break;
                    }
                    if (read < recordSize) {
                        // Only if the file changed since its size was checked.
                        throw new DatasetFormatException(file, "truncated record " + r + ": "
                                + read + " of " + recordSize + " bytes");
                    }
                    if (index == count) {
                        throw new DatasetFormatException(file, "grew while being read");
                    }
                    int label = record[format.labelOffset()] & 0xff;
                    if (label >= format.classCount()) {
                        throw new DatasetFormatException(file, "label " + label + " at record " + r
                                + " out of range [0, " + format.classCount() + ")");
                    }
                    labels[index] = label;
                    System.arraycopy(record, format.labelBytes(), pixels,
                            index * CifarFormat.IMAGE_BYTES, CifarFormat.IMAGE_BYTES);
                    index++;
                }
            }
        }
        return ImageSet.of(pixels, labels, CifarFormat.CHANNELS, CifarFormat.SIZE,
                CifarFormat.SIZE, names);
    }

    static List<Path> resolve(Path dir, List<String> names) {
        List<Path> files = new ArrayList<>(names.size());
        for (String name : names) {
            files.add(dir.resolve(name));
        }
        return files;
    }
}
