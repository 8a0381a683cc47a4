/**
 * Charts of one run, drawn with XChart as PNG images for the Allure report: the training curve,
 * per-class accuracy against training count, the confusion matrix, and many/medium/few-shot
 * accuracy. They read only the {@link dev.tailbench.report.RunResult}, so a chart can be redrawn
 * from any result file. {@link dev.tailbench.report.chart.CamExampleGrid} composes the grid of
 * CAM-based sampling examples (original / CAM / mask / generated), which training writes when it
 * generates the images, since the result file does not hold pixels.
 */
package dev.tailbench.report.chart;
