package dev.tailbench.run;

/**
 * A run ran out of memory. An {@link Error}, as the {@link OutOfMemoryError} it carries: the JVM
 * is not trusted with other runs after it ({@link RunsStoppedException}). Not an
 * {@code OutOfMemoryError} itself, so that the test engine reports it as this run's failure,
 * with the message, instead of tearing the whole test plan down.
 */
public final class RunOutOfMemoryError extends Error {

    private static final long serialVersionUID = 1L;

    RunOutOfMemoryError(String message, OutOfMemoryError cause) {
        super(message, cause);
    }
}
