package dev.tailbench.data;

import dev.tailbench.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes an {@link ImageSet} as one CIFAR binary file, record by record in the official layout,
 * so that tests can exercise {@link CifarBinaryReader} on real-format files without the 160 MB
 * archives.
 */
public final class CifarBinaryWriter {

    private CifarBinaryWriter() {}

    /**
     * Writes {@code set} in {@code format}, atomically. For CIFAR-100 every coarse label is 0;
     * use {@link #writeCifar100(ImageSet, int[], Path)} to choose them.
     */
    public static void write(ImageSet set, CifarFormat format, Path file) throws IOException {
        write(set, format, new int[set.size()], file);
    }

    /** Writes {@code set} as CIFAR-100 with the given coarse label before each fine label. */
    public static void writeCifar100(ImageSet set, int[] coarseLabels, Path file)
            throws IOException {
        if (coarseLabels.length != set.size()) {
            throw new IllegalArgumentException("coarseLabels has " + coarseLabels.length
                    + " entries but the set has " + set.size() + " images");
        }
        write(set, CifarFormat.CIFAR_100, coarseLabels, file);
    }

    private static void write(ImageSet set, CifarFormat format, int[] coarseLabels, Path file)
            throws IOException {
        if (set.channels() != CifarFormat.CHANNELS || set.height() != CifarFormat.SIZE
                || set.width() != CifarFormat.SIZE) {
            throw new IllegalArgumentException(format + " images are 3x32x32, the set has "
                    + set.channels() + "x" + set.height() + "x" + set.width());
        }
        if (set.classCount() > format.classCount()) {
            throw new IllegalArgumentException(format + " has " + format.classCount()
                    + " classes, the set has " + set.classCount());
        }
        byte[] pixels = set.pixels();
        AtomicFiles.write(file, out -> {
            for (int i = 0; i < set.size(); i++) {
                if (format == CifarFormat.CIFAR_100) {
                    out.write(coarseLabels[i]);
                }
                out.write(set.label(i));
                out.write(pixels, i * CifarFormat.IMAGE_BYTES, CifarFormat.IMAGE_BYTES);
            }
        });
    }
}
