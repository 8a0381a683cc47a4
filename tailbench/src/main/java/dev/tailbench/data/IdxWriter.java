package dev.tailbench.data;

import dev.tailbench.io.AtomicFiles;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an {@link ImageSet} in the IDX format read by {@link IdxReader}.
 *
 * <p>Gzip output is byte-for-byte reproducible ({@link GZIPOutputStream} writes modification
 * time 0 and no file name), so regenerating the embedded data set gives the same files.
 */
public final class IdxWriter {

    private IdxWriter() {}

    /**
     * Writes the images and labels files, each atomically (a crash leaves the old file or none).
     *
     * @throws IllegalArgumentException if the set has more than one channel or more than 256
     *     classes, which IDX cannot represent
     */
    public static void write(ImageSet set, Path images, Path labels, boolean gzip)
            throws IOException {
        checkWritable(set);
        AtomicFiles.write(images, out -> compressed(out, gzip, o -> writeImages(set, o)));
        AtomicFiles.write(labels, out -> compressed(out, gzip, o -> writeLabels(set, o)));
    }

    /** Writes the uncompressed images file to {@code out}, leaving it open. */
    public static void writeImages(ImageSet set, OutputStream out) throws IOException {
        checkWritable(set);
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(IdxReader.IMAGE_MAGIC);
        data.writeInt(set.size());
        data.writeInt(set.height());
        data.writeInt(set.width());
        data.write(set.pixels());
        data.flush();
    }

    /** Writes the uncompressed labels file to {@code out}, leaving it open. */
    public static void writeLabels(ImageSet set, OutputStream out) throws IOException {
        checkWritable(set);
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(IdxReader.LABEL_MAGIC);
        data.writeInt(set.size());
        byte[] labels = new byte[set.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) set.label(i);
        }
        data.write(labels);
        data.flush();
    }

    private static void compressed(OutputStream out, boolean gzip, AtomicFiles.Body body)
            throws IOException {
        if (!gzip) {
            body.writeTo(out);
            return;
        }
        GZIPOutputStream zip = new GZIPOutputStream(out, 1 << 16);
        body.writeTo(zip);
        zip.finish();
    }

    private static void checkWritable(ImageSet set) {
        if (set.channels() != 1) {
            throw new IllegalArgumentException(
                    "IDX image files hold one channel, the set has " + set.channels());
        }
        if (set.classCount() > 256) {
            throw new IllegalArgumentException(
                    "IDX labels are single bytes, the set has " + set.classCount() + " classes");
        }
    }
}
