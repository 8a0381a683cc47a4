package dev.tailbench.run;

import java.util.Map;

import dev.tailbench.spec.RunSpec;

/**
 * Writes the run's checkpoint every {@code interval} main epochs and after the last one. A stage
 * after the main epochs is not checkpointed within: a resumed run trains it again from the last
 * main epoch's state.
 */
final class PeriodicCheckpoints implements TrainingListener {

    private final ResumePoints resumePoints;
    private final RunSpec spec;
    private final int interval;
    private final Map<String, Object> runtime;

    /**
     * @param interval main epochs between checkpoints, 0 for none
     * @param runtime  what the checkpoint records of the runtime ({@link SharedEpochs#runtime})
     */
    PeriodicCheckpoints(ResumePoints resumePoints, RunSpec spec, int interval, Map<String, Object> runtime) {
        this.resumePoints = resumePoints;
        this.spec = spec;
        this.interval = interval;
        this.runtime = runtime;
    }

    @Override
    public void mainEpochFinished(MainEpochEnd end) {
        int done = end.nextEpoch();
        if (interval > 0 && (done % interval == 0 || done == spec.schedule().epochs())) {
            resumePoints.save(spec, runtime, end.state());
        }
    }
}
