package dev.tailbench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads Cui et al.'s long-tailed CIFAR (CVPR 2019), the "cui" CIFAR-LT of the Bag of Tricks: files
 * drawn once in Python and shared, so that the images can only be had by reading them.
 *
 * <p>Layout, as their scripts write it: {@code <data dir>/cifar-10-data-im-0.01/} (CIFAR-100:
 * {@code cifar-100-data-im-...}; the suffix is Python's {@code str(1 / imbalance)}, e.g. 0.02 for
 * imbalance 50) holding {@code train.tfrecords} (the long-tailed training set) and
 * {@code eval.tfrecords} (the balanced test set). Each record is a {@code tf.train.Example} with
 * {@code image}, the 3,072 bytes of one CIFAR image in channel-major order as in the original
 * pickles, and {@code label}, the class as an int64 (fine label for CIFAR-100).
 *
 * <p>The training set must hold exactly the per-class counts of the exponential profile at the
 * requested imbalance (as their {@code get_img_num_per_cls} computes them); a file for another
 * imbalance is refused rather than trained on under the wrong name.
 */
public final class CuiTfRecords {

    /** The long-tailed training set's file name. */
    public static final String TRAIN_FILE = "train.tfrecords";

    /** The balanced test set's file name. */
    public static final String EVAL_FILE = "eval.tfrecords";

    private static final String IMAGE = "image";
    private static final String LABEL = "label";

    private CuiTfRecords() {}

    /**
     * The directory name for a data set and imbalance, e.g. {@code cifar-10-data-im-0.01}.
     *
     * @throws IllegalArgumentException for a data set other than CIFAR-10/100 or an imbalance below 1
     */
    public static String directoryName(String dataset, double imbalance) {
        if (!dataset.equals(Datasets.CIFAR_10) && !dataset.equals(Datasets.CIFAR_100)) {
            throw new IllegalArgumentException("Cui et al.'s long-tailed files exist for " + Datasets.CIFAR_10
                    + " and " + Datasets.CIFAR_100 + " only, not " + dataset);
        }
        if (!(imbalance >= 1) || Double.isInfinite(imbalance)) {
            throw new IllegalArgumentException("imbalance must be a finite number >= 1, got " + imbalance);
        }
        return dataset + "-data-im-" + pythonString(1.0 / imbalance);
    }

    /**
     * A float as Python's {@code str()} writes it, which Cui et al.'s scripts use for the directory
     * name: the shortest digits that read back, positional for decimal exponents -4 to 15 (with
     * ".0" when whole), otherwise scientific with a signed two-digit exponent ({@code 1e-05}).
     */
    static String pythonString(double value) {
        // Double.toString gives the shortest digits that read back for the values used here.
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - decimal.scale() - 1;
        String sign = decimal.signum() < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = decimal.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return String.format(java.util.Locale.ROOT, "%s%se%s%02d", sign, mantissa, exponent < 0 ? "-" : "+",
                Math.abs(exponent));
    }

    /**
     * Reads the training and test sets for {@code info} at {@code imbalance} from {@code dataDir}.
     *
     * @throws DatasetNotFoundException if a file is missing; the message names the directory searched
     * @throws DatasetFormatException if a record is malformed or the training counts do not match
     */
    public static DatasetSplits load(DatasetInfo info, Path dataDir, double imbalance) throws IOException {
        List<Path> files = files(info.name(), dataDir, imbalance);
        ImageSet train = read(info, files.get(0));
        ImageSet test = read(info, files.get(1));
        Path dir = files.get(0).getParent();
        String where = dir.toAbsolutePath().normalize().toString();
        int head = info.name().equals(Datasets.CIFAR_10) ? 5000 : 500;
        int[] expected = LongTailProfile.exponential(imbalance).counts(head, info.classCount());
        if (!Arrays.equals(train.classCounts(), expected)) {
            throw new DatasetFormatException(dir.resolve(TRAIN_FILE), "holds " + Arrays.toString(train.classCounts())
                    + " images per class, but Cui et al.'s imbalance-" + imbalance + " set holds "
                    + Arrays.toString(expected) + "; the file belongs to another imbalance or data set");
        }
        return new DatasetSplits(info, train, test, where);
    }

    /**
     * The training and evaluation files for the data set and imbalance, in that order.
     *
     * @throws DatasetNotFoundException if one is missing; the message names the directory searched
     */
    static List<Path> files(String dataset, Path dataDir, double imbalance) throws IOException {
        Path dir = dataDir.resolve(directoryName(dataset, imbalance));
        List<String> missing = new ArrayList<>();
        for (String file : List.of(TRAIN_FILE, EVAL_FILE)) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                missing.add(file);
            }
        }
        String where = dir.toAbsolutePath().normalize().toString();
        if (!missing.isEmpty()) {
            throw new DatasetNotFoundException(where, missing, dataset + " (cui variant, imbalance "
                    + imbalance + "): missing " + String.join(", ", missing) + " in " + where
                    + (Files.isDirectory(dir) ? "" : " (the directory does not exist)") + ". Put Cui et al.'s"
                    + " long-tailed CIFAR files there, or point " + DatasetLoader.DATA_DIR_PROPERTY
                    + " at the directory holding " + dir.getFileName() + "/.");
        }
        return List.of(dir.resolve(TRAIN_FILE), dir.resolve(EVAL_FILE));
    }

    /**
     * Reads one file of Cui et al.'s records.
     *
     * @throws DatasetFormatException naming the file and record when a record lacks its image or
     *     label, has an image of the wrong size, or a label out of range
     */
    public static ImageSet read(DatasetInfo info, Path file) throws IOException {
        int imageBytes = CifarFormat.IMAGE_BYTES;
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try {
            TfRecordReader.forEach(file, record -> {
                String where = "record " + images.size();
                TfExample example;
                try {
                    example = TfExample.parse(record);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(new DatasetFormatException(file, where
                            + ": not a tf.train.Example (" + e.getMessage() + ")", e));
                }
                byte[] image = example.singleBytes(IMAGE);
                if (image == null || image.length != imageBytes) {
                    throw new UncheckedIOException(new DatasetFormatException(file, where + ": feature '" + IMAGE
                            + "' must be one byte string of " + imageBytes + " bytes (32x32x3, channel-major), got "
                            + (image == null ? "none" : image.length + " bytes")));
                }
                if (!example.hasSingleInt64(LABEL)) {
                    throw new UncheckedIOException(new DatasetFormatException(file, where + ": feature '" + LABEL
                            + "' must be one int64"));
                }
                long label = example.int64s().get(LABEL)[0];
                if (label < 0 || label >= info.classCount()) {
                    throw new UncheckedIOException(new DatasetFormatException(file, where + ": label " + label
                            + " out of range [0, " + info.classCount() + ")"));
                }
                images.add(image);
                labels.add((int) label);
            });
        }
        catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (images.isEmpty()) {
            throw new DatasetFormatException(file, "holds no records");
        }
        byte[] pixels = new byte[images.size() * imageBytes];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, pixels, i * imageBytes, imageBytes);
        }
        return ImageSet.of(pixels, labels.stream().mapToInt(Integer::intValue).toArray(), CifarFormat.CHANNELS,
                CifarFormat.SIZE, CifarFormat.SIZE, info.classNames());
    }
}
