package dev.tailbench.run;

import java.util.Map;

import dev.tailbench.spec.RunSpec;

/** Saves the run's state after the epochs other runs of the execution start from ({@link SharedEpochs}). */
final class SharedEpochSaver implements TrainingListener {

    private final SharedEpochs shared;
    private final RunSpec spec;
    private final Map<String, Object> runtime;

    SharedEpochSaver(SharedEpochs shared, RunSpec spec, Map<String, Object> runtime) {
        this.shared = shared;
        this.spec = spec;
        this.runtime = runtime;
    }

    @Override
    public void mainEpochFinished(MainEpochEnd end) {
        if (shared.wanted(spec, end.nextEpoch(), runtime)) {
            shared.save(spec, end.nextEpoch(), runtime, end.state());
        }
    }
}
