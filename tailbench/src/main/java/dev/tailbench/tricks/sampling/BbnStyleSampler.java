package dev.tailbench.tricks.sampling;

import java.util.random.RandomGenerator;

/**
 * BagofTricks-LT's "bbn sampler" ({@code lib/dataset/cao_cifar.py}, configs
 * {@code re_sampling/bbn-style/}): every training image once per epoch in a uniform shuffle, each
 * joined by one image drawn by BBN's reverse sampler (a class with probability proportional to
 * n_max / n_c, then one of its images uniformly). The reference's data loader yields 64 such pairs
 * and its default combiner concatenates the two halves into one 128-image batch trained with the
 * plain loss, no mixup.
 *
 * <p>An epoch is therefore 2N images, the pairs interleaved (uniform, reverse, uniform, reverse,
 * ...): every even-sized batch holds equal numbers of both, which for a loss averaged over the
 * batch (and batch-norm statistics) is the reference's batch whatever the batch size, so the
 * sampler needs no batch size. Declared with the schedule's batch size of 128 it makes the
 * reference's 64 + 64 batches and its N / 64 steps per epoch.
 */
public final class BbnStyleSampler implements EpochSampler {

    private final InstanceBalancedSampler uniform;
    private final ClassMembers members;
    private final CumulativeDistribution reverse;

    /**
     * @param labels      label of every training image
     * @param classCounts images per class among {@code labels}
     */
    public BbnStyleSampler(int[] labels, int[] classCounts) {
        this.members = new ClassMembers(labels, classCounts);
        this.uniform = new InstanceBalancedSampler(labels.length);
        this.reverse = new CumulativeDistribution(SamplingProbabilities.reverse(classCounts));
    }

    /** The class probabilities of the reverse half, p_c proportional to n_max / n_c. */
    public double[] reverseClassProbabilities() {
        return SamplingProbabilities.reverse(members.counts());
    }

    @Override
    public int[] epoch(int epoch, RandomGenerator random) {
        int[] shuffled = uniform.epoch(epoch, random);
        int[] order = new int[2 * shuffled.length];
        for (int i = 0; i < shuffled.length; i++) {
            order[2 * i] = shuffled[i];
            int c = reverse.draw(random);
            order[2 * i + 1] = members.member(c, random.nextInt(members.count(c)));
        }
        return order;
    }
}
