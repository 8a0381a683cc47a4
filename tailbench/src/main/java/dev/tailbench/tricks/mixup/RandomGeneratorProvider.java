package dev.tailbench.tricks.mixup;

import java.util.random.RandomGenerator;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Lets Commons RNG's samplers draw from the run's Java {@link RandomGenerator}, so that one seed
 * fixes sampling, augmentation and mixup alike. The methods samplers use delegate to the
 * generator's own so a draw consumes the same numbers as a direct call would.
 */
final class RandomGeneratorProvider implements UniformRandomProvider {

    private final RandomGenerator random;

    RandomGeneratorProvider(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public long nextLong() {
        return random.nextLong();
    }

    @Override
    public int nextInt() {
        return random.nextInt();
    }

    @Override
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    @Override
    public double nextDouble() {
        return random.nextDouble();
    }

    @Override
    public boolean nextBoolean() {
        return random.nextBoolean();
    }

    @Override
    public float nextFloat() {
        return random.nextFloat();
    }
}
