package dev.tailbench.tricks.sampling;

import java.util.random.RandomGenerator;

/**
 * Random under-sampling: every class with images contributes n_min of them per epoch (n_min over
 * the classes that have images), drawn without replacement afresh each epoch; the epoch is
 * shuffled.
 */
public final class RandomUnderSampler implements ClassDistributionSampler {

    private final ClassMembers members;
    private final int perClass;
    private final double[] shares;

    /**
     * @param labels      label of every training image
     * @param classCounts images per class among {@code labels}
     */
    public RandomUnderSampler(int[] labels, int[] classCounts) {
        members = new ClassMembers(labels, classCounts);
        perClass = members.smallestNonEmptyCount();
        shares = SamplingProbabilities.randomUnderSampling(classCounts);
    }

    @Override
    public double[] classProbabilities(int epoch) {
        return shares.clone();
    }

    @Override
    public int[] epoch(int epoch, RandomGenerator random) {
        int[] order = new int[members.nonEmptyClasses() * perClass];
        int next = 0;
        for (int c = 0; c < members.classes(); c++) {
            if (members.count(c) == 0) {
                continue;
            }
            int[] candidates = members.membersOf(c);
            Shuffle.firstK(candidates, perClass, random);
            System.arraycopy(candidates, 0, order, next, perClass);
            next += perClass;
        }
        Shuffle.inPlace(order, random);
        return order;
    }
}
