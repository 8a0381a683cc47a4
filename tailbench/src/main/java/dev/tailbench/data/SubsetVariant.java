package dev.tailbench.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the long-tailed training set of a run is obtained. Published CIFAR-LT figures come from two
 * different subsets of the same data, and a figure is only comparable with a run on the same one.
 */
public enum SubsetVariant {

    /** tailbench's own seeded draw ({@link LongTailSubset}); works for every data set. */
    TAILBENCH("tailbench"),

    /**
     * LDAM-DRW's draw (Cao et al., NeurIPS 2019; reused by the Bag of Tricks as its "cao" CIFAR-LT):
     * numpy's {@code np.random.seed(dataSeed)}, then per class in label order a shuffle of the
     * class's pool indices, keeping the first n_c ({@link CaoSubset}). The published figures use
     * data seed 0.
     */
    CAO("cao"),

    /**
     * Cui et al.'s pre-drawn files (CVPR 2019): {@code cifar-10-data-im-0.01/train.tfrecords} and
     * {@code eval.tfrecords}, read as they are ({@link CuiTfRecords}); CIFAR-10 and CIFAR-100 only.
     */
    CUI("cui");

    private final String id;

    SubsetVariant(String id) {
        this.id = id;
    }

    /** The name used in annotations, configuration and results. */
    public String id() {
        return id;
    }

    /** All names, for messages. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(SubsetVariant::id).toList();
    }

    /**
     * The variant called {@code id}.
     *
     * @throws IllegalArgumentException naming the known variants
     */
    public static SubsetVariant of(String id) {
        for (SubsetVariant variant : values()) {
            if (variant.id.equals(id.toLowerCase(Locale.ROOT))) {
                return variant;
            }
        }
        throw new IllegalArgumentException("unknown subset variant \"" + id + "\"; known: " + ids());
    }
}
