package dev.tailbench.report;

import java.util.List;

/**
 * The images a run saw.
 *
 * @param name        data set name
 * @param source      directory (or embedded resource) it was read from
 * @param profile     long-tail profile
 * @param imbalance   imbalance factor
 * @param dataSeed    seed of the subset draw
 * @param variant     how the subset was obtained: {@code tailbench}, {@code cao} or {@code cui}
 * @param classNames  class names by label
 * @param trainCounts training images per class
 * @param trainSize   training images in all
 * @param testSize    test images in all (balanced)
 * @param testCounts  test images per class
 * @param validationSize images held out of the training pool for model selection (balanced), null
 *                    without a validation split
 * @param contentSha256 SHA-256 over the files the images were read from (names, sizes, contents);
 *                    null in results written before it was recorded
 */
public record DatasetRecord(String name, String source, String profile, double imbalance, long dataSeed,
        String variant,
        List<String> classNames, int[] trainCounts, int trainSize, int testSize, int[] testCounts,
        Integer validationSize, String contentSha256) {
}
