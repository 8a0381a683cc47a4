/**
 * Image data for the long-tailed experiments, in plain Java: readers and writers for the
 * official IDX (MNIST, Fashion-MNIST) and CIFAR binary formats and for Cui et al.'s CIFAR-LT
 * TFRecord files, the in-memory {@link dev.tailbench.data.ImageSet}, long-tail profiles, the three
 * ways of getting a long-tailed training subset ({@link dev.tailbench.data.SubsetVariant}: tailbench's
 * seeded draw, LDAM's numpy draw reproduced bit for bit, Cui et al.'s files), and the registry and
 * loader of known data sets (including the small Fashion-MNIST-LT set embedded in the jar).
 *
 * <p>Nothing here may depend on DJL: loading data must never pull in a native library, so that
 * data problems show up as plain Java errors and the package can be tested on any machine.
 */
package dev.tailbench.data;
