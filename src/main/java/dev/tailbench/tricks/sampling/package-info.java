/** Samplers: which training images, in which order, make up one epoch. */
package dev.tailbench.tricks.sampling;
