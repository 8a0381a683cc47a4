/**
 * Losses: logits and labels of a batch to each sample's share of the loss, differentiable with
 * NDArray ops. Cross-entropy and the re-weighting family of the Bag of Tricks: class-weighted
 * cross-entropy (cost-sensitive, class-balanced), sigmoid focal losses, label and label-aware
 * smoothing, LDAM, class-dependent temperatures, balanced softmax and the softmax equalization
 * loss; beyond the bag, logit-adjusted cross-entropy, equalization losses v1 (sigmoid) and v2
 * (stateful across steps) and class rectification (mined per batch on the host). The Bag of
 * Tricks' losses reduce their batch exactly as the reference code (BagofTricks-LT,
 * {@code lib/loss/loss_impl}) does; the per-class constants are computed once, in plain doubles,
 * from the training set's class counts.
 */
package dev.tailbench.tricks.loss;
