/** Losses: logits and labels of a batch to a scalar loss, differentiable with NDArray ops. */
package dev.tailbench.tricks.loss;
