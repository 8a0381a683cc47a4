package dev.tailbench.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws a long-tailed training set from a (usually balanced) pool, the way CIFAR-LT is drawn
 * from CIFAR: class i keeps {@code profile.counts(headCount, C)[i]} of its images.
 *
 * <p>Which images are kept is fixed by the seed alone: one {@link SplittableRandom} seeded with
 * it shuffles each class's pool indices in turn (class 0 first, a full Fisher-Yates shuffle of
 * the indices in ascending order) and the class keeps the first counts[i] of them. The result
 * is sorted by pool index, so its order does not depend on the order classes were visited.
 * Changing this procedure changes every data set drawn with it, including the embedded one.
 */
public final class LongTailSubset {

    private LongTailSubset() {}

    /** Draws with n_max = the pool's number of class-0 images. */
    public static LongTailSplit draw(ImageSet pool, LongTailProfile profile, long seed) {
        return draw(pool, profile, seed, pool.classCounts()[0]);
    }

    /**
     * The largest n_max, at most the pool's class-0 count, for which every class of the pool holds
     * the images the profile asks for. On a balanced pool that is the class-0 count; on a pool that
     * is already long-tailed (the embedded one) and has lost the same number of images from every
     * class to a validation hold-out, the head shrinks until the tail still fits the profile.
     *
     * @throws IllegalArgumentException if no head count of at least 1 fits
     */
    public static int largestHeadCount(ImageSet pool, LongTailProfile profile) {
        int[] available = pool.classCounts();
        for (int head = available[0]; head >= 1; head--) {
            int[] counts = profile.counts(head, available.length);
            boolean fits = true;
            for (int c = 0; c < available.length && fits; c++) {
                fits = counts[c] <= available[c];
            }
            if (fits) {
                return head;
            }
        }
        throw new IllegalArgumentException("no head count fits profile " + profile + " to the pool's class counts "
                + Arrays.toString(available));
    }

    /**
     * Draws with an explicit n_max.
     *
     * @throws IllegalArgumentException if a class has fewer images in the pool than the
     *     profile asks for
     */
    public static LongTailSplit draw(
            ImageSet pool, LongTailProfile profile, long seed, int headCount) {
        int classCount = pool.classCount();
        int[] counts = profile.counts(headCount, classCount);
        int[][] byClass = indicesByClass(pool);
        for (int c = 0; c < classCount; c++) {
            if (byClass[c].length < counts[c]) {
                throw new IllegalArgumentException("class " + c + " (" + pool.classNames().get(c)
                        + ") has " + byClass[c].length + " images in the pool but profile "
                        + profile + " with head count " + headCount + " asks for " + counts[c]);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] chosen = new int[Arrays.stream(counts).sum()];
        int next = 0;
        for (int c = 0; c < classCount; c++) {
            int[] indices = byClass[c];
            shuffle(indices, random);
            System.arraycopy(indices, 0, chosen, next, counts[c]);
            next += counts[c];
        }
        Arrays.sort(chosen);
        return new LongTailSplit(pool.subset(chosen), chosen, counts, seed, profile.name(),
                profile.imbalance());
    }

    /** Each class's pool indices, ascending. */
    static int[][] indicesByClass(ImageSet pool) {
        int[] classCounts = pool.classCounts();
        int[][] byClass = new int[classCounts.length][];
        for (int c = 0; c < classCounts.length; c++) {
            byClass[c] = new int[classCounts[c]];
        }
        int[] filled = new int[classCounts.length];
        for (int i = 0; i < pool.size(); i++) {
            int label = pool.label(i);
            byClass[label][filled[label]++] = i;
        }
        return byClass;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
