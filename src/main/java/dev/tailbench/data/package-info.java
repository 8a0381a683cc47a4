/**
 * Image data for the long-tailed experiments, in plain Java: readers and writers for the
 * official IDX (MNIST, Fashion-MNIST) and CIFAR binary formats, the in-memory {@link
 * dev.tailbench.data.ImageSet}, long-tail profiles and the seeded draw of a long-tailed training
 * subset, and the registry and loader of known data sets (including the small Fashion-MNIST-LT
 * set embedded in the jar).
 *
 * <p>Nothing here may depend on DJL: loading data must never pull in a native library, so that
 * data problems show up as plain Java errors and the package can be tested on any machine.
 */
package dev.tailbench.data;
