/**
 * Charts of one run, drawn with XChart as PNG images for the Allure report: the training curve,
 * per-class accuracy against training count, the confusion matrix, and many/medium/few-shot
 * accuracy. They read only the {@link dev.tailbench.report.RunResult}, so a chart can be redrawn
 * from any result file.
 */
package dev.tailbench.report.chart;
