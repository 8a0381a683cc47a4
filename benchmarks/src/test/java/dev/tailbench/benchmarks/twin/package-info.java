/**
 * The PyTorch twin: tailbench's side ({@link dev.tailbench.benchmarks.twin.TwinRecipes}) and the
 * export of the training images it draws ({@link dev.tailbench.benchmarks.twin.SubsetExport}) for
 * {@code benchmarks/twin/twin.py}; {@code benchmarks/twin/run_twin.sh} runs both sides.
 */
package dev.tailbench.benchmarks.twin;
