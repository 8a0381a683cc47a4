/**
 * From {@link dev.tailbench.spec.RunSpec} to {@link dev.tailbench.report.RunResult}: loading the
 * native engine and the data (once, shared by the runs of an experiment), the training loop,
 * progress, judgement and result files. The only place that drives DJL training.
 */
package dev.tailbench.run;
