package dev.tailbench.tricks.sampling;

import java.util.function.IntFunction;
import java.util.random.RandomGenerator;

/**
 * Draws an epoch of as many images as the training set holds, each by drawing a class c with
 * probability p_c and then one of its images uniformly, with replacement, as the reference code's
 * weighted sampler does (lib/dataset/cao_cifar.py). The probabilities may change per epoch
 * (progressive sampling).
 */
public final class ClassWeightedSampler implements ClassDistributionSampler {

    private final ClassMembers members;
    private final IntFunction<double[]> probabilitiesAtEpoch;

    /**
     * @param members              the training images of every class
     * @param probabilitiesAtEpoch p_c of every class at a 0-based epoch; a class without images
     *                             must get 0
     */
    public ClassWeightedSampler(ClassMembers members, IntFunction<double[]> probabilitiesAtEpoch) {
        this.members = members;
        this.probabilitiesAtEpoch = probabilitiesAtEpoch;
    }

    /** Class-balanced sampling, p_c = 1 / C. */
    public static ClassWeightedSampler classBalanced(int[] labels, int[] classCounts) {
        ClassMembers members = new ClassMembers(labels, classCounts);
        double[] p = SamplingProbabilities.classBalanced(classCounts);
        return new ClassWeightedSampler(members, epoch -> p.clone());
    }

    /** Square-root sampling, p_c proportional to sqrt(n_c). */
    public static ClassWeightedSampler squareRoot(int[] labels, int[] classCounts) {
        ClassMembers members = new ClassMembers(labels, classCounts);
        double[] p = SamplingProbabilities.squareRoot(classCounts);
        return new ClassWeightedSampler(members, epoch -> p.clone());
    }

    /** Progressively-balanced sampling over a run of {@code totalEpochs}; see {@link SamplingProbabilities#progressive}. */
    public static ClassWeightedSampler progressive(int[] labels, int[] classCounts, int totalEpochs) {
        ClassMembers members = new ClassMembers(labels, classCounts);
        // Fail at construction, not in the middle of a run.
        SamplingProbabilities.progressive(classCounts, 0, totalEpochs);
        int[] counts = classCounts.clone();
        return new ClassWeightedSampler(members, epoch -> SamplingProbabilities.progressive(counts, epoch, totalEpochs));
    }

    /** BBN's reverse sampler, p_c proportional to n_max / n_c. */
    public static ClassWeightedSampler reverse(int[] labels, int[] classCounts) {
        ClassMembers members = new ClassMembers(labels, classCounts);
        double[] p = SamplingProbabilities.reverse(classCounts);
        return new ClassWeightedSampler(members, epoch -> p.clone());
    }

    @Override
    public double[] classProbabilities(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch " + epoch + " is negative");
        }
        double[] p = probabilitiesAtEpoch.apply(epoch);
        if (p.length != members.classes()) {
            throw new IllegalStateException(p.length + " probabilities for " + members.classes() + " classes");
        }
        return p;
    }

    @Override
    public int[] epoch(int epoch, RandomGenerator random) {
        double[] p = classProbabilities(epoch);
        for (int c = 0; c < p.length; c++) {
            if (p[c] > 0 && members.count(c) == 0) {
                throw new IllegalStateException("class " + c + " has no images but probability " + p[c]);
            }
        }
        CumulativeDistribution classes = new CumulativeDistribution(p);
        int[] order = new int[members.size()];
        for (int i = 0; i < order.length; i++) {
            int c = classes.draw(random);
            order[i] = members.member(c, random.nextInt(members.count(c)));
        }
        return order;
    }
}
