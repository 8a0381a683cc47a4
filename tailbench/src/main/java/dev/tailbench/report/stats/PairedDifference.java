package dev.tailbench.report.stats;

import java.util.Locale;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * How a combination differs from the experiment's baseline over the seeds both ran: d_i = error_i -
 * baseline_i on the same seed, its mean with a two-sided Student-t confidence interval, and the
 * two-sided paired t-test of mean(d) = 0 (t = mean(d) / (sd(d) / sqrt(n)), p = 2 P(T_{n-1} >= |t|)).
 * Reported in the summary table; it decides nothing (a relative budget uses {@link PairedTest}).
 *
 * @param differences the differences and their mean, SD and interval
 * @param t           the statistic (infinite when every difference is the same and not 0, NaN when all are 0)
 * @param pValue      the two-sided p-value (0 or 1 in those two cases)
 */
public record PairedDifference(SeedStatistics differences, double t, double pValue) {

    /**
     * Compares {@code errors} with {@code baseline}, seed by seed.
     *
     * @param confidence the interval's level, e.g. 0.95
     * @throws IllegalArgumentException unless both hold the same number (at least 2) of errors
     */
    public static PairedDifference of(double[] errors, double[] baseline, double confidence) {
        if (errors.length != baseline.length || errors.length < 2) {
            throw new IllegalArgumentException("a paired difference needs the same number (at least 2) of errors and"
                    + " baseline errors, got " + errors.length + " and " + baseline.length);
        }
        double[] d = new double[errors.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = errors[i] - baseline[i];
        }
        SeedStatistics statistics = SeedStatistics.of(d, confidence);
        double sd = statistics.standardDeviation();
        double mean = statistics.mean();
        if (sd == 0) {
            return new PairedDifference(statistics, mean == 0 ? Double.NaN : Math.copySign(Double.POSITIVE_INFINITY, mean),
                    mean == 0 ? 1 : 0);
        }
        double t = mean / (sd / Math.sqrt(d.length));
        double p = 2 * (1 - new TDistribution(d.length - 1).cumulativeProbability(Math.abs(t)));
        return new PairedDifference(statistics, t, p);
    }

    /** For the summary table, e.g. {@code -6.10 (95% CI -9.20 to -3.00, p = 0.0120)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%+.2f (%.0f%% CI %+.2f to %+.2f, p = %.4f)", differences.mean(),
                differences.confidence() * 100, differences.low(), differences.high(), pValue);
    }
}
