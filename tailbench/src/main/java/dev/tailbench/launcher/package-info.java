/**
 * Launcher-side listeners: the summary table printed (and written as {@code summary.md} and
 * {@code summary.csv} in the results directory) after a test plan that ran tailbench experiments.
 */
package dev.tailbench.launcher;
