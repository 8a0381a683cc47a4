package dev.tailbench.run;

import java.nio.file.Path;

/**
 * Settings shared by every run of one engine execution.
 *
 * @param resultsDir         where result files go
 * @param threads            intra-op threads of the native engine
 * @param progress           whether a progress line is printed after every epoch
 * @param shotThresholds     {@code scaled} or {@code absolute}
 * @param alpha              level of the paired test over seeds; 1 - alpha is the intervals' confidence
 * @param checkpointInterval epochs between checkpoints, 0 for none
 * @param resume             whether a run continues from its checkpoint
 * @param rerun              whether a run whose result exists (same configuration and build) trains again
 */
public record RunSettings(Path resultsDir, int threads, boolean progress, String shotThresholds, double alpha,
        int checkpointInterval, boolean resume, boolean rerun) {

    /**
     * The configuration key that turns resuming off, named in the message of a refused checkpoint;
     * {@code Constants#RESUME} in the engine is this value (run does not import engine).
     */
    public static final String RESUME_KEY = "tailbench.resume";

    /** The configuration key that trains a stored run again ({@code Constants#RERUN} is this value). */
    public static final String RERUN_KEY = "tailbench.rerun";

    /** The configuration key overriding the batch size ({@code Constants#BATCH_SIZE} is this value). */
    public static final String BATCH_SIZE_KEY = "tailbench.batch.size";

    /** The configuration key naming the results directory ({@code Constants#RESULTS_DIR} is this value). */
    public static final String RESULTS_DIR_KEY = "tailbench.results.dir";

    /** Settings with the defaults of checkpointing: every epoch, resumed, stored results reused. */
    public RunSettings(Path resultsDir, int threads, boolean progress, String shotThresholds, double alpha) {
        this(resultsDir, threads, progress, shotThresholds, alpha, 1, true, false);
    }
}
