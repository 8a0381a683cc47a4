package dev.tailbench.tricks.sampling;

import java.util.random.RandomGenerator;

/**
 * Random over-sampling: every class with images contributes n_max images per epoch, namely each
 * of its own images once and n_max - n_c repeats drawn uniformly with replacement; the epoch is
 * shuffled.
 */
public final class RandomOverSampler implements ClassDistributionSampler {

    private final ClassMembers members;
    private final int perClass;
    private final double[] shares;

    /**
     * @param labels      label of every training image
     * @param classCounts images per class among {@code labels}
     */
    public RandomOverSampler(int[] labels, int[] classCounts) {
        members = new ClassMembers(labels, classCounts);
        perClass = members.largestCount();
        shares = SamplingProbabilities.randomOverSampling(classCounts);
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
            int count = members.count(c);
            if (count == 0) {
                continue;
            }
            for (int k = 0; k < count; k++) {
                order[next++] = members.member(c, k);
            }
            for (int k = count; k < perClass; k++) {
                order[next++] = members.member(c, random.nextInt(count));
            }
        }
        Shuffle.inPlace(order, random);
        return order;
    }
}
