package dev.tailbench.run;

import dev.tailbench.report.RunResult;

/** A run that failed; carries what was measured before it failed so that it can be recorded. */
public final class TrainingFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient RunResult partial;

    TrainingFailedException(String message, Throwable cause, RunResult partial) {
        super(message, cause);
        this.partial = partial;
    }

    /** The result of the epochs that finished, with an {@code error} verdict. */
    public RunResult partial() {
        return partial;
    }
}
