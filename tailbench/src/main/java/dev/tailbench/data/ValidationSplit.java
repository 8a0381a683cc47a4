package dev.tailbench.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A balanced validation set held out of a training pool before the long-tailed subset is drawn,
 * so that model selection never looks at the test set and no image is in both the validation and
 * the training set: each class gives {@code perClass} images, chosen by a seeded shuffle of its pool
 * indices (class 0 first, as {@link LongTailSubset} draws), and the long-tailed subset is then
 * drawn from what remains. The head class therefore keeps {@code perClass} images fewer than the
 * pool holds (Fashion-MNIST: 5,900 of 6,000 with 100 held out).
 *
 * @param validation       the held-out images, in ascending pool order
 * @param validationIndices pool index of each validation image
 * @param remaining        the rest of the pool, in ascending pool order
 * @param remainingIndices pool index of each remaining image
 */
public record ValidationSplit(ImageSet validation, int[] validationIndices, ImageSet remaining, int[] remainingIndices) {

    /** Mixed into the data seed so that the hold-out and the long-tailed draw use different streams. */
    private static final long STREAM = 0x56414C4944415445L;   // "VALIDATE"

    public ValidationSplit {
        validationIndices = validationIndices.clone();
        remainingIndices = remainingIndices.clone();
    }

    @Override
    public int[] validationIndices() {
        return validationIndices.clone();
    }

    @Override
    public int[] remainingIndices() {
        return remainingIndices.clone();
    }

    /**
     * The default hold-out: max(20, ceil(1000 / classes)) images per class, at least a thousand in
     * all, 20 per class as ImageNet-LT's and Places-LT's own validation sets on many classes.
     */
    public static int defaultPerClass(int classes) {
        return Math.max(20, (1000 + classes - 1) / classes);
    }

    /**
     * The default hold-out of a pool: {@link #defaultPerClass(int)}, but no more than a tenth of the
     * pool's smallest class (at least 1), so a small or already long-tailed pool keeps nine tenths of
     * every class for training (Fashion-MNIST, 6,000 a class: 100; CIFAR-100, 500 a class: 20).
     */
    public static int defaultPerClass(ImageSet pool) {
        int smallest = Arrays.stream(pool.classCounts()).min().orElse(0);
        return Math.min(defaultPerClass(pool.classCount()), Math.max(1, smallest / 10));
    }

    /**
     * Holds out {@code perClass} images of every class.
     *
     * @param seed the data seed of the run (the subset's)
     * @throws IllegalArgumentException if a class has no more than {@code perClass} images, which
     *     would leave it nothing to train on
     */
    public static ValidationSplit draw(ImageSet pool, int perClass, long seed) {
        if (perClass < 1) {
            throw new IllegalArgumentException("a validation split needs at least 1 image per class, got " + perClass);
        }
        int classes = pool.classCount();
        int[] counts = pool.classCounts();
        for (int c = 0; c < classes; c++) {
            if (counts[c] <= perClass) {
                throw new IllegalArgumentException("class " + c + " (" + pool.classNames().get(c) + ") has " + counts[c]
                        + " images in the training pool: holding out " + perClass
                        + " for validation leaves it none to train on (validationPerClass)");
            }
        }
        int[][] byClass = LongTailSubset.indicesByClass(pool);
        SplittableRandom random = new SplittableRandom(seed ^ STREAM);
        boolean[] held = new boolean[pool.size()];
        for (int c = 0; c < classes; c++) {
            int[] indices = byClass[c];
            // A partial Fisher-Yates shuffle: the first perClass positions are a uniform draw.
            for (int i = 0; i < perClass; i++) {
                int j = i + random.nextInt(indices.length - i);
                int t = indices[i];
                indices[i] = indices[j];
                indices[j] = t;
                held[indices[i]] = true;
            }
        }
        int[] validation = new int[perClass * classes];
        int[] remaining = new int[pool.size() - validation.length];
        int v = 0;
        int r = 0;
        for (int i = 0; i < pool.size(); i++) {
            if (held[i]) {
                validation[v++] = i;
            }
            else {
                remaining[r++] = i;
            }
        }
        return new ValidationSplit(pool.subset(validation), validation, pool.subset(remaining), remaining);
    }

    /** The pool indices of images drawn from {@link #remaining()}, by their indices there. */
    public int[] poolIndicesOfRemaining(int[] indicesInRemaining) {
        return Arrays.stream(indicesInRemaining).map(i -> remainingIndices[i]).toArray();
    }
}
