package dev.tailbench.run;

import dev.tailbench.report.EpochRecord;
import dev.tailbench.report.StageRecord;

/**
 * What a run's bookkeeping hears as it trains, as DJL's {@code TrainingListener} does for its
 * trainer: the curve and counters ({@link RunRecords}), the progress lines, the validation split's
 * choice ({@link ValidationChoice}), checkpoints ({@link PeriodicCheckpoints}) and shared epochs
 * ({@link SharedEpochSaver}). {@link Training} calls them in the order it was given them.
 */
interface TrainingListener {

    /**
     * An epoch was trained and evaluated, or a stage that does not train (tau-normalisation,
     * post-hoc adjustment) was evaluated.
     *
     * @param trainSeconds  seconds spent training (0 for a stage that does not train)
     * @param trainedImages images the optimizer steps saw
     */
    default void epochFinished(EpochRecord record, double trainSeconds, long trainedImages) {
    }

    /** A main epoch ended, after {@link #epochFinished}: a run could continue from here. */
    default void mainEpochFinished(MainEpochEnd end) {
    }

    /** A stage closed. */
    default void stageClosed(StageRecord stage) {
    }

    /** The run after one of its main epochs. */
    interface MainEpochEnd {

        /** The epoch's record. */
        EpochRecord record();

        /** The 0-based epoch the run trains next. */
        int nextEpoch();

        /** The network's parameters now, DJL's format (computed once). */
        byte[] parameters();

        /**
         * What a run continuing from here needs (computed once, when first asked: it holds what
         * the listeners before the asking one recorded).
         */
        ResumePoints.ResumePoint state();
    }
}
