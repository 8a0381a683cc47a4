/**
 * Mixup as a way of turning a training batch into a loss: {@link dev.tailbench.tricks.mixup.BatchObjective}
 * runs the forward pass itself, so input mixup can mix the images before the network, manifold mixup
 * a hidden state inside it, and remix the label weights per sample. Every mixup draws its
 * {@link dev.tailbench.tricks.mixup.MixDraw} (lambda and the pairing permutation) from the run's
 * seeded random source.
 */
package dev.tailbench.tricks.mixup;
