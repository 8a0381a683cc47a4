package dev.tailbench.data;

/**
 * A long-tailed training set drawn from a pool, with what is needed to reproduce and report it.
 *
 * @param train the drawn images: in ascending pool order for tailbench's draw, in the reference
 *     code's order for {@link CaoSubset}
 * @param indices the pool index of each image of {@code train}
 * @param counts images per class, as the profile asked
 * @param seed the seed of the draw
 * @param profile the profile's name
 * @param imbalance the profile's imbalance factor
 */
public record LongTailSplit(
        ImageSet train, int[] indices, int[] counts, long seed, String profile, double imbalance) {

    public LongTailSplit {
        indices = indices.clone();
        counts = counts.clone();
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }
}
