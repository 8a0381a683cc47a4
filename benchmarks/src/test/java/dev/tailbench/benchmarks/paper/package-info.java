/**
 * The Bag of Tricks paper's tables as experiments: one class per table, one combination per row,
 * each row's published errors referenced by id ({@link dev.tailbench.api.PaperRow}; the numbers
 * and their sources are in {@code reports/paper-tables/bag-of-tricks.json}).
 * They run at the paper's protocol (tag {@code paper-protocol}); the CPU-scale counterpart on
 * Fashion-MNIST-LT is {@code dev.tailbench.benchmarks.FashionMnistTricks}.
 */
package dev.tailbench.benchmarks.paper;
