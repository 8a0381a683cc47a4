/**
 * Samplers: which training images, in which order, make up one epoch.
 *
 * <p>The re-sampling family of the Bag of Tricks: instance-balanced, the class-weighted samplers
 * ({@link dev.tailbench.tricks.sampling.ClassWeightedSampler}: class-balanced, square-root,
 * progressive, reverse), random over- and under-sampling. Their class shares are a pure function,
 * {@link dev.tailbench.tricks.sampling.SamplingProbabilities}, which the class-weighted samplers
 * draw from and a run can record. Everything here is plain Java over int arrays: an epoch is a few
 * tens of thousands of indices, drawn without boxing.
 */
package dev.tailbench.tricks.sampling;
