package dev.tailbench.tricks.sampling;

import java.util.random.RandomGenerator;

/**
 * Random under-sampling: every class with images contributes n_min of them per epoch (n_min over
 * the classes that have images), drawn without replacement afresh each epoch; the epoch is
 * shuffled.
 */
public final class RandomUnderSampler extends EqualQuotaSampler {

    /**
     * @param labels      label of every training image
     * @param classCounts images per class among {@code labels}
     */
    public RandomUnderSampler(int[] labels, int[] classCounts) {
        this(new ClassMembers(labels, classCounts), classCounts);
    }

    private RandomUnderSampler(ClassMembers members, int[] classCounts) {
        super(members, members.smallestNonEmptyCount(), SamplingProbabilities.randomUnderSampling(classCounts));
    }

    @Override
    protected void fill(int c, int[] order, int from, RandomGenerator random) {
        int[] candidates = members.membersOf(c);
        Shuffle.firstK(candidates, perClass, random);
        System.arraycopy(candidates, 0, order, from, perClass);
    }
}
