package dev.tailbench.data;

/**
 * A loaded data set: the pool training sets are drawn from, and the test set.
 *
 * @param trainPool all training images available (for the embedded set, already long-tailed)
 * @param test the test images, never used for training
 * @param source where the data came from: an absolute directory, or "embedded:" and the class
 *     path folder
 */
public record DatasetSplits(DatasetInfo info, ImageSet trainPool, ImageSet test, String source) {}
