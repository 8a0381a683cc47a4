package dev.tailbench.spec;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The optimisation schedule: SGD with Nesterov momentum, linear warm-up from
 * {@code warmupStartFactor x learningRate}, then the rate multiplied by {@code lrDecay} at each
 * milestone (the Bag of Tricks CIFAR recipe), stepped as BagofTricks-LT steps it.
 *
 * <p>BagofTricks-LT's {@code main/train.py} calls {@code scheduler.step()} before each epoch's
 * training, so its 1-based epoch {@code e} trains at the warm-up multi-step formula evaluated at
 * {@code e}: with warm-up 5 and base rate 0.1 the epochs 1 to 6 train at 0.046667, 0.06, 0.073333,
 * 0.086667, 0.1, 0.1 (the formula's value at 0, a third of the rate, is never used), and a milestone
 * {@code m} is the 1-based epoch from which the rate is decayed (160 and 180 of 200).
 *
 * @param milestones   1-based epochs from which the rate is multiplied by {@code lrDecay} once more
 * @param warmupEpochs the reference's {@code WARM_EPOCH}: 1-based epochs below it are warming up
 */
public record Schedule(int epochs, int batchSize, double learningRate, double momentum, double weightDecay,
        int warmupEpochs, double warmupStartFactor, List<Integer> milestones, double lrDecay) {

    /** Warm-up start factor of the Bag of Tricks recipe. */
    public static final double PAPER_WARMUP_START_FACTOR = 1.0 / 3.0;

    /** The reference recipe's epochs, which the default milestones and deferral scale from. */
    private static final int PAPER_EPOCHS = 200;

    public Schedule {
        milestones = List.copyOf(milestones);
    }

    /**
     * The learning rate of a 0-based epoch: the reference's formula at the 1-based epoch
     * ({@code last_epoch} after the step before the epoch). During warm-up it rises linearly from
     * {@code warmupStartFactor} to 1 times the base rate, as in BagofTricks-LT's WarmupMultiStepLR;
     * then each milestone at or before the 1-based epoch multiplies it by {@code lrDecay}.
     */
    public double learningRate(int epoch) {
        int stepped = epoch + 1;
        double rate = learningRate;
        if (stepped < warmupEpochs) {
            double alpha = (double) stepped / warmupEpochs;
            rate *= warmupStartFactor * (1 - alpha) + alpha;
        }
        for (int milestone : milestones) {
            if (stepped >= milestone) {
                rate *= lrDecay;
            }
        }
        return rate;
    }

    /**
     * The batches an epoch of {@code images} trains: BagofTricks-LT's training loader drops the last
     * partial batch ({@code drop_last=True}), so every step sees {@code batchSize} images. An epoch
     * shorter than one batch (tiny test sets) trains it as one batch rather than not at all.
     */
    public int trainingBatches(int images) {
        return images < batchSize ? Math.min(images, 1) : images / batchSize;
    }

    /**
     * The paper's milestones (160 and 180 of 200) scaled to {@code epochs}: the epochs before each
     * decay (159 and 179) are scaled, so that 10 epochs decay from the 9th and the 10th.
     */
    public static List<Integer> defaultMilestones(int epochs) {
        return IntStream.of(160, 180).map(m -> scaledMilestone(m, PAPER_EPOCHS, epochs))
                .filter(m -> m > 1 && m <= epochs).distinct().boxed().toList();
    }

    /**
     * A declared milestone scaled from {@code declaredEpochs} to {@code epochs}: the number of
     * epochs before it is scaled, rounded, so 160 of 200 becomes 9 of 10 (8 full-rate epochs of 10,
     * 159 of 200).
     */
    public static int scaledMilestone(int milestone, int declaredEpochs, int epochs) {
        return (int) Math.round((double) (milestone - 1) * epochs / declaredEpochs) + 1;
    }

    /**
     * The 0-based first deferred epoch of a recipe that defers "at the first milestone" under the
     * default milestones: the reference's DRW and DRS start at 1-based epoch 161 of 200 (0-based
     * 160), one after the first decay; scaled to {@code epochs}. At short runs the one-epoch offset
     * rounds away (10 epochs: decay and deferral both at 0-based 8).
     */
    public static int defaultDeferral(int epochs) {
        return (int) Math.round(epochs * 160.0 / PAPER_EPOCHS);
    }

    /**
     * The paper's warm-up of 5 (four epochs below the base rate), for short runs {@code 1 + epochs / 10}
     * (10 epochs: the first at two thirds of the rate) so that they still spend most of their
     * time at the base rate.
     */
    public static int defaultWarmup(int epochs) {
        return Math.min(5, 1 + epochs / 10);
    }
}
