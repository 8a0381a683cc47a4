package dev.tailbench.spec;

/**
 * Which training and test images a run uses.
 *
 * @param dataset   registered data set name
 * @param dataDir   directory data sets are looked up in; {@code null} for the embedded default
 * @param profile   long-tail profile name ({@code exponential} or {@code step})
 * @param imbalance n_max / n_min of the training subset
 * @param dataSeed  seed of the subset draw
 */
public record DataSpec(String dataset, String dataDir, String profile, double imbalance, long dataSeed) {

    /**
     * How tailbench draws a long-tailed subset ({@code dev.tailbench.data.LongTailSubset}): its
     * own seeded draw, which matches neither Cui et al.'s files ({@code cui}) nor LDAM's numpy
     * draw ({@code cao}), so published CIFAR-LT figures are reported next to its runs, never used
     * as their budget.
     */
    public static final String SUBSET_VARIANT = "tailbench";

    /** Where the data comes from, for messages. */
    public String location() {
        return dataDir == null ? "embedded" : dataDir;
    }
}
