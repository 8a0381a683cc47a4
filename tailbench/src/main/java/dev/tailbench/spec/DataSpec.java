package dev.tailbench.spec;

/**
 * Which training and test images a run uses.
 *
 * @param dataset   registered data set name
 * @param dataDir   directory data sets are looked up in; {@code null} for the embedded default
 * @param profile   long-tail profile name ({@code exponential} or {@code step})
 * @param imbalance n_max / n_min of the training subset
 * @param dataSeed  seed of the subset draw
 * @param variant   how the subset is obtained ({@code dev.tailbench.data.SubsetVariant}): {@code tailbench},
 *                  {@code cao} or {@code cui}
 * @param validationPerClass images per class held out of the training pool for model selection
 *                  before the subset is drawn ({@code dev.tailbench.data.ValidationSplit}); 0: none;
 *                  {@link #DEFAULT_VALIDATION}: the default number for the pool, chosen when it is read
 */
public record DataSpec(String dataset, String dataDir, String profile, double imbalance, long dataSeed,
        String variant, int validationPerClass) {

    /** {@code validationPerClass} of the default hold-out, sized when the pool is read. */
    public static final int DEFAULT_VALIDATION = -1;

    /** Without a validation split. */
    public DataSpec(String dataset, String dataDir, String profile, double imbalance, long dataSeed, String variant) {
        this(dataset, dataDir, profile, imbalance, dataSeed, variant, 0);
    }

    /** Whether model selection has a validation split. */
    public boolean hasValidation() {
        return validationPerClass != 0;
    }

    /** Where the data comes from, for messages. */
    public String location() {
        return dataDir == null ? "embedded" : dataDir;
    }
}
