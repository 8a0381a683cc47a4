package dev.tailbench.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: an images file (big-endian int32 magic 2051,
 * count, rows, cols, then count*rows*cols unsigned bytes) and a labels file (magic 2049, count,
 * then count unsigned bytes).
 *
 * <p>Files may be gzip-compressed or plain. Compression is detected from the gzip magic bytes,
 * not the file name, because downloads are often decompressed by a browser or proxy while
 * keeping the {@code .gz} name. Every problem is reported as a {@link DatasetFormatException}
 * naming the file; bytes after the payload are an error too, as they usually mean the wrong
 * file.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGE_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABEL_MAGIC = 0x00000801;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    private IdxReader() {}

    /**
     * Reads an images file and its labels file.
     *
     * @param classNames one name per class, or {@code null} for "class-0", "class-1", ...
     * @throws DatasetFormatException if a file is not a valid IDX file, the counts disagree or a
     *     label is not in [0, classCount)
     */
    public static ImageSet read(Path images, Path labels, int classCount, List<String> classNames)
            throws IOException {
        try (InputStream imageStream = Files.newInputStream(images);
                InputStream labelStream = Files.newInputStream(labels)) {
            return read(imageStream, images.toString(), labelStream, labels.toString(),
                    classCount, classNames);
        }
    }

    /**
     * Reads images and labels from streams, for data that is not in a file (class path
     * resources). The streams are read to the end but not closed.
     *
     * @param imagesName how to name the images stream in error messages
     * @param labelsName how to name the labels stream in error messages
     */
    public static ImageSet read(InputStream images, String imagesName, InputStream labels,
            String labelsName, int classCount, List<String> classNames) throws IOException {
        List<String> names = classNames(classCount, classNames);
        Images imageData = readImages(images, imagesName);
        int[] labelData = readLabels(labels, labelsName);
        if (labelData.length != imageData.count) {
            throw new DatasetFormatException(labelsName,
                    "labels file has " + labelData.length + " labels but images file " + imagesName
                            + " has " + imageData.count + " images");
        }
        for (int i = 0; i < labelData.length; i++) {
            if (labelData[i] >= classCount) {
                throw new DatasetFormatException(labelsName,
                        "label " + labelData[i] + " at index " + i + " out of range [0, "
                                + classCount + ")");
            }
        }
        return ImageSet.of(imageData.pixels, labelData, 1, imageData.rows, imageData.cols, names);
    }

    static List<String> classNames(int classCount, List<String> classNames) {
        if (classCount <= 0) {
            throw new IllegalArgumentException("classCount must be positive, got " + classCount);
        }
        if (classNames == null) {
            List<String> generated = new ArrayList<>(classCount);
            for (int i = 0; i < classCount; i++) {
                generated.add("class-" + i);
            }
            return generated;
        }
        if (classNames.size() != classCount) {
            throw new IllegalArgumentException("classNames has " + classNames.size()
                    + " names but classCount is " + classCount);
        }
        return classNames;
    }

    private record Images(int count, int rows, int cols, byte[] pixels) {}

    private static Images readImages(InputStream raw, String name) throws IOException {
        try {
            InputStream in = decompressed(raw, name);
            ByteBuffer header = header(in, name, 16, "IDX image file");
            checkMagic(name, header.getInt(), IMAGE_MAGIC, "image");
            int count = header.getInt();
            int rows = header.getInt();
            int cols = header.getInt();
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw new DatasetFormatException(name, "bad header: " + count + " images of "
                        + rows + "x" + cols + " (count must be >= 0, rows and cols > 0)");
            }
            long size = (long) count * rows * cols;
            String claim = "header says " + count + " images of " + rows + "x" + cols + " = "
                    + size + " bytes";
            if (size > Integer.MAX_VALUE - 8) {
                throw new DatasetFormatException(name, claim + ", more than one array can hold");
            }
            byte[] pixels = payload(in, name, (int) size, claim);
            return new Images(count, rows, cols, pixels);
        } catch (ZipException | EOFException e) {
            throw corruptGzip(name, e);
        }
    }

    private static int[] readLabels(InputStream raw, String name) throws IOException {
        try {
            InputStream in = decompressed(raw, name);
            ByteBuffer header = header(in, name, 8, "IDX label file");
            checkMagic(name, header.getInt(), LABEL_MAGIC, "label");
            int count = header.getInt();
            if (count < 0) {
                throw new DatasetFormatException(name, "bad header: negative label count " + count);
            }
            byte[] bytes = payload(in, name, count, "header says " + count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xff;
            }
            return labels;
        } catch (ZipException | EOFException e) {
            throw corruptGzip(name, e);
        }
    }

    private static InputStream decompressed(InputStream raw, String name) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    private static DatasetFormatException corruptGzip(String name, IOException e) {
        return new DatasetFormatException(name,
                "starts with the gzip magic bytes 0x1f 0x8b but is not in gzip format or is "
                        + "truncated (" + e.getMessage() + ")", e);
    }

    private static ByteBuffer header(InputStream in, String name, int length, String kind)
            throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length == 0) {
            throw new DatasetFormatException(name, "empty file, expected an " + kind);
        }
        if (bytes.length < length) {
            throw new DatasetFormatException(name, "truncated header: " + bytes.length
                    + " bytes, an " + kind + " header has " + length);
        }
        return ByteBuffer.wrap(bytes); // big-endian by default, as IDX is
    }

    private static void checkMagic(String name, int magic, int expected, String kind)
            throws DatasetFormatException {
        if (magic == expected) {
            return;
        }
        String problem = String.format(
                "bad magic number 0x%08x (%d), expected 0x%08x (%d) for an IDX %s file",
                magic, magic, expected, expected, kind);
        int other = expected == IMAGE_MAGIC ? LABEL_MAGIC : IMAGE_MAGIC;
        if (magic == other) {
            problem += "; this looks like an IDX " + (kind.equals("image") ? "label" : "image")
                    + " file, are the images and labels files swapped?";
        }
        throw new DatasetFormatException(name, problem);
    }

    private static byte[] payload(InputStream in, String name, int size, String claim)
            throws IOException {
        // readNBytes(int) grows its buffer with what arrives: a header claiming gigabytes of a
        // small (or gzip-compressed, so of unknown size) file allocates no more than the file holds.
        byte[] bytes = in.readNBytes(size);
        if (bytes.length < size) {
            throw new DatasetFormatException(name,
                    "truncated: " + claim + " but only " + bytes.length + " bytes follow");
        }
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw new DatasetFormatException(name,
                    extra + " unexpected bytes after the payload: " + claim);
        }
        return bytes;
    }
}
