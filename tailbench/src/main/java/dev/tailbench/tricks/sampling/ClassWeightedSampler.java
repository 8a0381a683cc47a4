package dev.tailbench.tricks.sampling;

import java.util.function.IntFunction;
import java.util.random.RandomGenerator;

/**
 * Draws an epoch of as many images as the training set holds, each by drawing a class c with
 * probability p_c and then one of its images uniformly, with replacement, as the reference code's
 * weighted sampler does (lib/dataset/cao_cifar.py). The probabilities may change per epoch
 * (progressive sampling).
 *
 * <p>The deferred stage of CAM-based sampling and ImageTrans ({@link #overEnlargedSet}) draws the
 * class from probabilities of the original class counts, the image from the enlarged set, and
 * keeps the original epoch length, as BagofTricks-LT's {@code CIFAR} dataset does when it is given
 * the generated images: {@code sample_class_index_by_weight} on the original annotations,
 * {@code __len__} the original size.
 */
public final class ClassWeightedSampler implements ClassDistributionSampler {

    private final ClassMembers members;
    private final IntFunction<double[]> probabilitiesAtEpoch;
    private final int epochLength;

    /**
     * An epoch of as many draws as {@code members} holds images.
     *
     * @param members              the training images of every class
     * @param probabilitiesAtEpoch p_c of every class at a 0-based epoch; a class without images
     *                             must get 0
     */
    public ClassWeightedSampler(ClassMembers members, IntFunction<double[]> probabilitiesAtEpoch) {
        this(members, probabilitiesAtEpoch, members.size());
    }

    private ClassWeightedSampler(ClassMembers members, IntFunction<double[]> probabilitiesAtEpoch, int epochLength) {
        if (epochLength < 1) {
            throw new IllegalArgumentException("an epoch needs at least one image, not " + epochLength);
        }
        this.members = members;
        this.probabilitiesAtEpoch = probabilitiesAtEpoch;
        this.epochLength = epochLength;
    }

    /**
     * The deferred stage of CAM-based sampling or ImageTrans: each draw picks a class with the base
     * sampler's p_c, computed on the <em>original</em> class counts (so CAM-balance, CAM-square and
     * CAM-progressive differ), then one image of that class uniformly among its original and
     * generated images; an epoch has as many draws as the original training set has images.
     *
     * @param enlarged              the original and generated images of every class
     * @param originalProbabilities the base sampler's p_c on the original counts, per 0-based epoch
     * @param originalSize          images in the original training set: the epoch length
     */
    public static ClassWeightedSampler overEnlargedSet(ClassMembers enlarged, IntFunction<double[]> originalProbabilities,
            int originalSize) {
        return new ClassWeightedSampler(enlarged, originalProbabilities, originalSize);
    }

    /** Images drawn per epoch. */
    public int epochLength() {
        return epochLength;
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
        int[] order = new int[epochLength];
        for (int i = 0; i < order.length; i++) {
            int c = classes.draw(random);
            order[i] = members.member(c, random.nextInt(members.count(c)));
        }
        return order;
    }
}
