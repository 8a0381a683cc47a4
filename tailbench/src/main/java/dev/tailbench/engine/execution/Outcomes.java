package dev.tailbench.engine.execution;

import java.nio.file.Path;

import dev.tailbench.report.RunResult;
import dev.tailbench.report.SeedsResult;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Turns a judged result into the test's JUnit outcome, as Cucumber's engine turns its runtime's
 * results into outcomes: the run layer decides verdicts, only the engine speaks JUnit. A missed
 * budget fails with the limit and the measured error as expected and actual; a run judged only
 * against a published figure of another protocol is aborted (reported, never passed).
 */
final class Outcomes {

    private Outcomes() {
    }

    /** Throws the outcome of a run that did not pass; returns for one that did. */
    static void of(RunResult result, Path file) {
        String message = result.verdict().message() + "\nResult: " + file;
        if (result.verdict().failed()) {
            throw new AssertionFailedError(message, result.budget().limit(), result.verdict().measured());
        }
        if (result.verdict().status().equals("not-applicable")) {
            throw new TestAbortedException(message);
        }
    }

    /** Throws the outcome of a summary over seeds whose paired test failed; returns otherwise. */
    static void of(SeedsResult result, Path file) {
        if (result.verdict().failed()) {
            throw new AssertionFailedError(result.verdict().message() + "\nResult: " + file,
                    result.comparison().margin(), result.comparison().meanDifference());
        }
    }

    /**
     * A test whose premise does not hold, aborted with the reason: too few seeds for a spread
     * ({@code NotEnoughSeedsException}), or a run not attempted after another ran out of memory
     * ({@code RunsStoppedException}).
     */
    static TestAbortedException aborted(RuntimeException reason) {
        TestAbortedException aborted = new TestAbortedException(reason.getMessage());
        aborted.setStackTrace(reason.getStackTrace());
        return aborted;
    }
}
