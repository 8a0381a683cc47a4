/**
 * Losses: logits and labels of a batch to each sample's share of the loss, differentiable with
 * NDArray ops. Cross-entropy and the re-weighting family of the Bag of Tricks: class-weighted
 * cross-entropy (cost-sensitive, class-balanced), sigmoid focal losses, label and label-aware
 * smoothing, LDAM, class-dependent temperatures, balanced softmax and the softmax equalization
 * loss. Every loss reduces its batch exactly as the reference code (BagofTricks-LT,
 * {@code lib/loss/loss_impl}) does; the per-class constants are computed once, in plain doubles,
 * from the training set's class counts.
 */
package dev.tailbench.tricks.loss;
