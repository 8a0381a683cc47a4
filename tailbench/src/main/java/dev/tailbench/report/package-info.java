/**
 * Results as data: the {@link dev.tailbench.report.RunResult} of a run (its full configuration,
 * versions, curve and metrics), the {@link dev.tailbench.report.Verdict} of its budget, and the
 * atomic JSON {@link dev.tailbench.report.ResultStore}.
 */
package dev.tailbench.report;
