package dev.tailbench.spec;

import java.util.Arrays;
import java.util.List;

/**
 * The optimisation schedule: SGD with Nesterov momentum, linear warm-up from
 * {@code warmupStartFactor x learningRate}, then the rate multiplied by {@code lrDecay} at each
 * milestone (the Bag of Tricks CIFAR recipe).
 */
public record Schedule(int epochs, int batchSize, double learningRate, double momentum, double weightDecay,
        int warmupEpochs, double warmupStartFactor, List<Integer> milestones, double lrDecay) {

    /** Warm-up start factor of the Bag of Tricks recipe. */
    public static final double PAPER_WARMUP_START_FACTOR = 1.0 / 3.0;

    public Schedule {
        milestones = List.copyOf(milestones);
    }

    /**
     * The learning rate of a (0-based) epoch: during warm-up it rises linearly from
     * {@code warmupStartFactor} to 1 times the base rate, as in BagofTricks-LT's WarmupMultiStepLR.
     */
    public double learningRate(int epoch) {
        if (epoch < warmupEpochs) {
            double alpha = (double) epoch / warmupEpochs;
            return learningRate * (warmupStartFactor * (1 - alpha) + alpha);
        }
        double rate = learningRate;
        for (int milestone : milestones) {
            if (epoch >= milestone) {
                rate *= lrDecay;
            }
        }
        return rate;
    }

    /** The paper's milestones (160 and 180 of 200) scaled to {@code epochs}. */
    public static List<Integer> defaultMilestones(int epochs) {
        int first = (int) Math.round(epochs * 0.8);
        int second = (int) Math.round(epochs * 0.9);
        return Arrays.stream(new int[] {first, second}).filter(m -> m > 0 && m < epochs).distinct().boxed().toList();
    }

    /** The paper's 5 warm-up epochs of 200, capped at a tenth of {@code epochs}. */
    public static int defaultWarmup(int epochs) {
        return Math.min(5, epochs / 10);
    }
}
