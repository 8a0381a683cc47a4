package dev.tailbench.report.stats;

import java.util.Arrays;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Mean, sample standard deviation and a two-sided Student-t confidence interval of one error over
 * seeds.
 *
 * @param values            the error of each seed, in %
 * @param mean              their mean
 * @param standardDeviation their sample standard deviation (n - 1 in the denominator)
 * @param confidence        the interval's confidence level, e.g. 0.95
 * @param low               lower end of the interval
 * @param high              upper end of the interval
 */
public record SeedStatistics(double[] values, double mean, double standardDeviation, double confidence, double low,
        double high) {

    public SeedStatistics {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * Statistics of {@code values}.
     *
     * @param confidence in (0, 1)
     * @throws IllegalArgumentException with fewer than two values, which have no spread
     */
    public static SeedStatistics of(double[] values, double confidence) {
        if (values.length < 2) {
            throw new IllegalArgumentException("a spread needs at least 2 seeds, got " + values.length);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), got " + confidence);
        }
        int n = values.length;
        double mean = Arrays.stream(values).sum() / n;
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        double sd = Math.sqrt(squares / (n - 1));
        double quantile = new TDistribution(n - 1).inverseCumulativeProbability(0.5 + confidence / 2);
        double half = quantile * sd / Math.sqrt(n);
        return new SeedStatistics(values, mean, sd, confidence, mean - half, mean + half);
    }
}
