package dev.tailbench.data;

import java.util.List;
import java.util.Objects;

/**
 * What an experiment needs to know about a data set before reading it: image shape, classes,
 * the per-channel normalisation used in the literature, and the random-crop padding.
 *
 * @param name registry name, e.g. "cifar-10"
 * @param mean per-channel mean of pixel values scaled to [0, 1]
 * @param std per-channel standard deviation of pixel values scaled to [0, 1]
 * @param defaultCropPadding zero padding on each side before a random crop back to size
 */
public record DatasetInfo(String name, int channels, int height, int width, int classCount,
        List<String> classNames, double[] mean, double[] std, int defaultCropPadding) {

    public DatasetInfo {
        Objects.requireNonNull(name, "name");
        classNames = List.copyOf(classNames);
        if (classNames.size() != classCount) {
            throw new IllegalArgumentException(name + ": classNames has " + classNames.size()
                    + " names but classCount is " + classCount);
        }
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException(name + ": mean and std need one value per channel ("
                    + channels + "), got " + mean.length + " and " + std.length);
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }
}
