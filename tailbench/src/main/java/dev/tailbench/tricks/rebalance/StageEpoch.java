package dev.tailbench.tricks.rebalance;

/**
 * What one epoch of a classifier stage did, for the trainer's epoch record.
 *
 * @param epoch        0-based epoch within the stage
 * @param epochs       the stage's epochs
 * @param learningRate the learning rate of the epoch
 * @param meanLoss     mean of the batch losses (plain cross-entropy of the trained head)
 * @param images       images the epoch trained on (the sampler's epoch length)
 * @param seconds      wall time of the epoch's training, without the listener
 */
public record StageEpoch(int epoch, int epochs, double learningRate, double meanLoss, int images, double seconds) {
}
