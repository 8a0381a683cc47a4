package dev.tailbench.data;

import java.util.Arrays;

/**
 * Draws the long-tailed subset exactly as LDAM-DRW's {@code IMBALANCECIFAR10} does (the "cao"
 * CIFAR-LT of the Bag of Tricks and most later work), so that a run sees the very images the
 * published figures were measured on.
 *
 * <p>The reference: {@code np.random.seed(seed)}; n_max = pool size / classes; for each class in
 * label order, the ascending pool indices of the class are shuffled with {@code np.random.shuffle}
 * and the first n_c kept, n_c from the profile. The training set lists the kept images in that
 * order (class 0's in shuffled order, then class 1's, ...), as the reference does; the order only
 * matters for reproducing a run image for image. Every class of the pool must have n_max images,
 * as in CIFAR, because the reference takes n_max from the pool's size.
 */
public final class CaoSubset {

    private CaoSubset() {}

    /**
     * Draws the subset.
     *
     * @param seed numpy's seed, in [0, 2^32 - 1]; the published figures use 0
     * @throws IllegalArgumentException if the pool is not balanced or the seed is out of numpy's range
     */
    public static LongTailSplit draw(ImageSet pool, LongTailProfile profile, long seed) {
        int classCount = pool.classCount();
        int[] poolCounts = pool.classCounts();
        if (pool.size() % classCount != 0 || Arrays.stream(poolCounts).anyMatch(n -> n != pool.size() / classCount)) {
            throw new IllegalArgumentException("the cao subset is drawn from a balanced pool (n_max = pool size / "
                    + "classes), but the pool has " + Arrays.toString(poolCounts) + " images per class");
        }
        int[] counts = profile.counts(pool.size() / classCount, classCount);
        int[][] byClass = new int[classCount][];
        int[] filled = new int[classCount];
        for (int c = 0; c < classCount; c++) {
            byClass[c] = new int[poolCounts[c]];
        }
        for (int i = 0; i < pool.size(); i++) {
            int label = pool.label(i);
            byClass[label][filled[label]++] = i;
        }
        NumpyRandomState random = new NumpyRandomState(seed);
        int[] chosen = new int[Arrays.stream(counts).sum()];
        int next = 0;
        for (int c = 0; c < classCount; c++) {
            random.shuffle(byClass[c]);
            System.arraycopy(byClass[c], 0, chosen, next, counts[c]);
            next += counts[c];
        }
        return new LongTailSplit(pool.subset(chosen), chosen, counts, seed, profile.name(), profile.imbalance());
    }
}
