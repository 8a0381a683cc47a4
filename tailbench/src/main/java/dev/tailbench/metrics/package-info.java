/**
 * Evaluation metrics computed from a confusion matrix on the balanced test set: top-1 error,
 * per-class accuracy and many / medium / few-shot accuracy. Pure Java: the trainer turns
 * predictions into Java arrays inside its NDArray scope and hands them here.
 */
package dev.tailbench.metrics;
