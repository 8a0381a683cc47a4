package dev.tailbench.run;

/**
 * A combination's summary over seeds found fewer than two seeds with a result: there is no spread
 * to report and no paired test to run. The engine reports the test as aborted, not failed.
 */
public final class NotEnoughSeedsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NotEnoughSeedsException(String message) {
        super(message);
    }
}
