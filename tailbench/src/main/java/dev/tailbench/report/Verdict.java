package dev.tailbench.report;

/**
 * The outcome of judging a run.
 *
 * @param status  {@code passed}, {@code failed}, {@code no-budget} or {@code error}
 * @param measured the judged error (%), null when the run failed before an epoch finished
 * @param message what was measured against what
 */
public record Verdict(String status, Double measured, String message) {

    public boolean failed() {
        return status.equals("failed") || status.equals("error");
    }
}
