/**
 * The Bag of Tricks paper's tables as experiments: one class per table, one combination per row,
 * each row's published CIFAR-10-LT errors attached as {@link dev.tailbench.api.PaperResult}s.
 * They run at the paper's protocol (tag {@code paper-protocol}); the CPU-scale counterpart on
 * Fashion-MNIST-LT is {@code dev.tailbench.benchmarks.FashionMnistTricks}.
 */
package dev.tailbench.benchmarks.paper;
