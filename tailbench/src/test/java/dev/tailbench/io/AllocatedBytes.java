package dev.tailbench.io;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread allocates on the Java heap while an action runs (HotSpot's per-thread
 * counter), so that a reader's test can show that a hostile size in a file was refused before it
 * was allocated, not merely reported after.
 */
public final class AllocatedBytes {

    /** An action that may throw anything. */
    @FunctionalInterface
    public interface Action {
        void run() throws Throwable;
    }

    private AllocatedBytes() {
    }

    /**
     * Runs {@code action}, swallowing what it throws (assert that separately).
     *
     * @return the bytes this thread allocated meanwhile
     */
    public static long by(Action action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            action.run();
        }
        catch (Throwable expected) {
            // The caller asserts the failure itself.
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
