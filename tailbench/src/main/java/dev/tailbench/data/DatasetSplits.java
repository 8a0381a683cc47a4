package dev.tailbench.data;

import java.util.List;

/**
 * A loaded data set: the pool training sets are drawn from, and the test set.
 *
 * @param trainPool all training images available (for the embedded set, already long-tailed)
 * @param test the test images, never used for training
 * @param source where the data came from: an absolute directory, or "embedded:" and the class
 *     path folder
 * @param warnings what a user should know about the files, e.g. that they are not the official
 *     ones (fewer records than the published archive's)
 */
public record DatasetSplits(DatasetInfo info, ImageSet trainPool, ImageSet test, String source, List<String> warnings) {

    public DatasetSplits {
        warnings = List.copyOf(warnings);
    }

    /** Splits with nothing to warn about. */
    public DatasetSplits(DatasetInfo info, ImageSet trainPool, ImageSet test, String source) {
        this(info, trainPool, test, source, List.of());
    }
}
