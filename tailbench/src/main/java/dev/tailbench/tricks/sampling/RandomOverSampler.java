package dev.tailbench.tricks.sampling;

import java.util.random.RandomGenerator;

/**
 * Random over-sampling: every class with images contributes n_max images per epoch, namely each
 * of its own images once and n_max - n_c repeats drawn uniformly with replacement; the epoch is
 * shuffled.
 */
public final class RandomOverSampler extends EqualQuotaSampler {

    /**
     * @param labels      label of every training image
     * @param classCounts images per class among {@code labels}
     */
    public RandomOverSampler(int[] labels, int[] classCounts) {
        this(new ClassMembers(labels, classCounts), classCounts);
    }

    private RandomOverSampler(ClassMembers members, int[] classCounts) {
        super(members, members.largestCount(), SamplingProbabilities.randomOverSampling(classCounts));
    }

    @Override
    protected void fill(int c, int[] order, int from, RandomGenerator random) {
        int count = members.count(c);
        for (int k = 0; k < perClass; k++) {
            order[from + k] = members.member(c, k < count ? k : random.nextInt(count));
        }
    }
}
