package dev.tailbench.data.list;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A data set as image files and their classes, in the order its list gave them; the form in which
 * ImageNet-LT, Places-LT and iNaturalist 2018 are distributed. The order matters: a seeded sampler
 * draws by position, so the same list gives the same batches.
 *
 * @param source the file or directory the list was read from, as shown in messages
 * @param root the directory the image paths are relative to
 * @param images the images, in the list's order
 * @param classCount the number of classes (labels are {@code 0 .. classCount - 1}); classes
 *        without an image in this list count too, e.g. a test list of a subset
 * @param classNames the class names by label where the format has them (folders, COCO
 *        categories), otherwise empty
 */
public record ImageList(String source, Path root, List<ListedImage> images, int classCount, List<String> classNames) {

    public ImageList {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(root, "root");
        images = List.copyOf(images);
        classNames = List.copyOf(classNames);
        if (classCount < 1) {
            throw new IllegalArgumentException(source + ": no classes");
        }
        if (!classNames.isEmpty() && classNames.size() != classCount) {
            throw new IllegalArgumentException(source + ": " + classNames.size() + " class names for " + classCount
                    + " classes");
        }
        for (ListedImage image : images) {
            if (image.label() >= classCount) {
                throw new IllegalArgumentException(source + ": label " + image.label() + " of " + image.path()
                        + " is not below the class count " + classCount);
            }
        }
    }

    /** The number of images. */
    public int size() {
        return images.size();
    }

    /** The labels, in the list's order. */
    public int[] labels() {
        int[] labels = new int[images.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = images.get(i).label();
        }
        return labels;
    }

    /** Images per class, by label: the long-tailed profile of the list. */
    public int[] classCounts() {
        int[] counts = new int[classCount];
        for (ListedImage image : images) {
            counts[image.label()]++;
        }
        return counts;
    }

    /** The file of the image at a position. */
    public Path file(int index) {
        return root.resolve(images.get(index).path());
    }
}
