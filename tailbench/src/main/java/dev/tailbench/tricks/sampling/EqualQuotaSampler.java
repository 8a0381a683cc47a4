package dev.tailbench.tricks.sampling;

import java.util.random.RandomGenerator;

/**
 * An epoch in which every class with images contributes the same number of them, then shuffled:
 * the common shape of random over- and under-sampling, which differ only in the quota and in how
 * a class fills it.
 */
abstract sealed class EqualQuotaSampler implements ClassDistributionSampler
        permits RandomOverSampler, RandomUnderSampler {

    /** The training images by class. */
    protected final ClassMembers members;

    /** Images each non-empty class contributes per epoch. */
    protected final int perClass;

    private final double[] shares;

    EqualQuotaSampler(ClassMembers members, int perClass, double[] shares) {
        this.members = members;
        this.perClass = perClass;
        this.shares = shares;
    }

    @Override
    public final double[] classProbabilities(int epoch) {
        return shares.clone();
    }

    @Override
    public final int[] epoch(int epoch, RandomGenerator random) {
        int[] order = new int[members.nonEmptyClasses() * perClass];
        int next = 0;
        for (int c = 0; c < members.classes(); c++) {
            if (members.count(c) > 0) {
                fill(c, order, next, random);
                next += perClass;
            }
        }
        Shuffle.inPlace(order, random);
        return order;
    }

    /** Writes class {@code c}'s {@link #perClass} image indices into {@code order[from, from + perClass)}. */
    protected abstract void fill(int c, int[] order, int from, RandomGenerator random);
}
