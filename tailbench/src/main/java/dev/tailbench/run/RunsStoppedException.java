package dev.tailbench.run;

/** A run not attempted because an earlier run of this JVM ran out of memory; the engine reports it aborted. */
public final class RunsStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RunsStoppedException(String message) {
        super(message);
    }
}
