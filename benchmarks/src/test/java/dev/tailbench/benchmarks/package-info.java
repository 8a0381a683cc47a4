/**
 * The benchmark suite, run by the main job ({@code mvn -Pbenchmarks test}): experiments on the
 * data set the data directory names (by default the embedded long-tailed Fashion-MNIST subset).
 * Budgets come from measured runs, recorded next to each budget.
 */
package dev.tailbench.benchmarks;
