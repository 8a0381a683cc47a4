package dev.tailbench.tricks.sampling;

import java.util.Arrays;

/**
 * The training images of every class, as indices into the training set, grouped by class.
 *
 * <p>Held as one array sorted by class plus per-class offsets, so that drawing "an image of class
 * c" is an array read, without boxing or per-class lists.
 */
public final class ClassMembers {

    private final int[] offsets;
    private final int[] members;

    /**
     * Groups the images by their label, checking that the labels agree with the class counts.
     *
     * @param labels      label of every training image, each in [0, classCounts.length)
     * @param classCounts images per class among {@code labels}
     * @throws IllegalArgumentException if there are no images, a label is out of range, or the
     *                                  counts do not match the labels
     */
    public ClassMembers(int[] labels, int[] classCounts) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("a sampler needs at least one training image");
        }
        if (classCounts == null || classCounts.length == 0) {
            throw new IllegalArgumentException("a sampler needs at least one class");
        }
        int classes = classCounts.length;
        int[] tally = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " of image " + i + " is outside [0, " + classes + ")");
            }
            tally[label]++;
        }
        for (int c = 0; c < classes; c++) {
            if (tally[c] != classCounts[c]) {
                throw new IllegalArgumentException("class " + c + " has " + tally[c] + " images among the labels but its count says "
                        + classCounts[c]);
            }
        }
        offsets = new int[classes + 1];
        for (int c = 0; c < classes; c++) {
            offsets[c + 1] = offsets[c] + tally[c];
        }
        members = new int[labels.length];
        int[] next = offsets.clone();
        for (int i = 0; i < labels.length; i++) {
            members[next[labels[i]]++] = i;
        }
    }

    /**
     * Groups the images by their label, counting the classes from the labels.
     *
     * @param labels  label of every training image, each in [0, classes)
     * @param classes number of classes, including any without images
     */
    public static ClassMembers of(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside [0, "
                        + classes + ")");
            }
            counts[labels[i]]++;
        }
        return new ClassMembers(labels, counts);
    }

    /** Number of classes, including classes without images. */
    public int classes() {
        return offsets.length - 1;
    }

    /** Number of training images. */
    public int size() {
        return members.length;
    }

    /** Number of images of class {@code c}. */
    public int count(int c) {
        return offsets[c + 1] - offsets[c];
    }

    /** Images per class, a fresh copy. */
    public int[] counts() {
        int[] counts = new int[classes()];
        for (int c = 0; c < counts.length; c++) {
            counts[c] = count(c);
        }
        return counts;
    }

    /** Training-set index of the {@code k}-th image (0-based, in training-set order) of class {@code c}. */
    public int member(int c, int k) {
        return members[offsets[c] + k];
    }

    /** Training-set indices of the images of class {@code c}, a fresh copy. */
    public int[] membersOf(int c) {
        return Arrays.copyOfRange(members, offsets[c], offsets[c + 1]);
    }

    /** Fewest images of a class that has any (classes without images are not sampled at all). */
    public int smallestNonEmptyCount() {
        int smallest = Integer.MAX_VALUE;
        for (int c = 0; c < classes(); c++) {
            if (count(c) > 0) {
                smallest = Math.min(smallest, count(c));
            }
        }
        return smallest;
    }

    /** Most images of a class. */
    public int largestCount() {
        int largest = 0;
        for (int c = 0; c < classes(); c++) {
            largest = Math.max(largest, count(c));
        }
        return largest;
    }

    /** Number of classes that have at least one image. */
    public int nonEmptyClasses() {
        int nonEmpty = 0;
        for (int c = 0; c < classes(); c++) {
            if (count(c) > 0) {
                nonEmpty++;
            }
        }
        return nonEmpty;
    }
}
