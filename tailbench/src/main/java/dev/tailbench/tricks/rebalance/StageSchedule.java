package dev.tailbench.tricks.rebalance;

import java.util.List;
import java.util.stream.IntStream;

import dev.tailbench.spec.Schedule;

/**
 * The optimisation schedule of a cRT or LWS stage, the BagofTricks-LT CIFAR configuration
 * ({@code configs/cao_cifar/two_stage/classifier_balance/{cRT,LWS}}) scaled to the stage's epochs:
 * SGD with Nesterov momentum 0.9, learning rate x0.1 from 1-based epochs 10 and 20 of 30, after a
 * linear warm-up (the configuration's {@code WARM_EPOCH: 5} of 30: epochs 1 to 4 below the rate,
 * with the same {@code WarmupMultiStepLR}, stepped before each epoch, as the first stage).
 *
 * <p>The stage's schedule is a {@link Schedule} so the learning rate of an epoch is computed by
 * the same function as the main run's.
 */
public final class StageSchedule {

    /** Momentum of the reference configuration. */
    public static final double MOMENTUM = 0.9;
    /** Learning-rate factor at each milestone. */
    public static final double DECAY = 0.1;

    private StageSchedule() {
    }

    /**
     * The schedule of a stage.
     *
     * @param epochs       the stage's epochs, at least 1
     * @param batchSize    images per batch, at least 1
     * @param learningRate base learning rate, at least 0 (0 freezes the head; useful in tests)
     * @param weightDecay  L2 weight decay of the trained head, at least 0
     * @return the schedule; its epochs are numbered from 0 within the stage
     */
    public static Schedule of(int epochs, int batchSize, double learningRate, double weightDecay) {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("a classifier stage needs at least 1 epoch and 1 image per batch, got "
                    + epochs + " epochs of batch " + batchSize);
        }
        if (!(learningRate >= 0) || !(weightDecay >= 0) || Double.isInfinite(learningRate)
                || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("learning rate and weight decay must be finite and >= 0, got "
                    + learningRate + " and " + weightDecay);
        }
        return new Schedule(epochs, batchSize, learningRate, MOMENTUM, weightDecay, warmupEpochs(epochs),
                Schedule.PAPER_WARMUP_START_FACTOR, milestones(epochs), DECAY);
    }

    /**
     * The configuration's 1-based milestones 10 and 20 of 30, scaled as the main schedule's
     * ({@link Schedule#scaledMilestone}); a milestone at the first epoch or repeated is dropped.
     */
    static List<Integer> milestones(int epochs) {
        return IntStream.of(10, 20).map(m -> Schedule.scaledMilestone(m, 30, epochs)).filter(m -> m > 1 && m <= epochs)
                .distinct().boxed().toList();
    }

    /** A sixth of the epochs, rounded down (5 of 30; none below 6 epochs). */
    static int warmupEpochs(int epochs) {
        return epochs / 6;
    }
}
