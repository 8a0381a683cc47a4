package dev.tailbench.tricks.mixup;

import ai.djl.ndarray.NDArray;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;

/**
 * What one mixup batch draws: the mixing weight and the partner of every sample. Sample i is
 * mixed as {@code lambda * a_i + (1 - lambda) * b_i} with {@code b_i = a_permutation[i]}.
 *
 * @param lambda      the weight of the batch's own samples, drawn from Beta(alpha, alpha)
 * @param permutation {@code permutation[i]} is the index of sample i's partner in the batch
 */
public record MixDraw(double lambda, int[] permutation) {

    public MixDraw {
        permutation = permutation.clone();
    }

    /**
     * Draws lambda ~ Beta(alpha, alpha), then a uniform permutation of the batch (Fisher-Yates),
     * both from {@code random}, in this order (as the reference code draws them).
     *
     * @param alpha both shape parameters of the Beta distribution, positive
     * @param batch the batch size
     * @param random the run's random source
     * @return the draw
     */
    public static MixDraw draw(double alpha, int batch, RandomGenerator random) {
        double lambda = ChengBetaSampler.of(new RandomGeneratorProvider(random), alpha, alpha).sample();
        int[] permutation = new int[batch];
        Arrays.setAll(permutation, i -> i);
        for (int i = batch - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = swap;
        }
        return new MixDraw(lambda, permutation);
    }

    /** @return a copy of the permutation */
    @Override
    public int[] permutation() {
        return permutation.clone();
    }

    /**
     * The permutation as an index for {@link #partners}, made once per batch and shared by the
     * images (or hidden states) and the labels.
     *
     * @param like an array of the batch
     * @return the permutation, int64, on {@code like}'s manager and device
     */
    public NDArray index(NDArray like) {
        return like.getManager().create(Arrays.stream(permutation).asLongStream().toArray());
    }

    /**
     * Each sample's partner along the first axis: one gather on the device.
     *
     * @param batch N x ...
     * @param index from {@link #index}
     * @return {@code batch[index]}
     */
    public static NDArray partners(NDArray batch, NDArray index) {
        return batch.get(index);
    }

    /**
     * {@code lambda * batch + (1 - lambda) * batch[index]}.
     *
     * @param batch N x ... (images or a hidden state)
     * @param index from {@link #index}
     * @return the mixed batch, same shape
     */
    public NDArray mix(NDArray batch, NDArray index) {
        return batch.mul((float) lambda).add(partners(batch, index).mul((float) (1 - lambda)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MixDraw draw && Double.compare(draw.lambda, lambda) == 0
                && Arrays.equals(draw.permutation, permutation);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(lambda) + Arrays.hashCode(permutation);
    }

    @Override
    public String toString() {
        return "MixDraw[lambda=" + lambda + ", permutation=" + Arrays.toString(permutation) + "]";
    }
}
