package dev.tailbench.data.list;

import java.util.Objects;

/**
 * One image of an {@link ImageList}: its path relative to the data set's root, as the list file
 * wrote it ('/' separated), and its class.
 *
 * @param path relative path of the image file
 * @param label class index, {@code 0 <= label < classCount}
 */
public record ListedImage(String path, int label) {

    public ListedImage {
        Objects.requireNonNull(path, "path");
        if (label < 0) {
            throw new IllegalArgumentException("negative label " + label + " for " + path);
        }
    }
}
