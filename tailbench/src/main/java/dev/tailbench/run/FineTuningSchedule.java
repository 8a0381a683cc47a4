package dev.tailbench.run;

import java.util.List;
import java.util.stream.IntStream;

import dev.tailbench.spec.Schedule;

/**
 * The schedule of the fine-tuning stage without mixup, BagofTricks-LT's configuration of the
 * paper's best combination on CIFAR: 20 epochs, warm-up 5 ({@code WarmupMultiStepLR}, stepped
 * before each epoch: 1-based epochs 1-4 below the rate), x0.1 from 1-based epochs 8 and 16; the
 * run's batch size, momentum and weight decay. Shorter stages scale warm-up and milestones.
 */
final class FineTuningSchedule {

    /** The configuration's epochs, which its warm-up and milestones are given for. */
    static final int REFERENCE_EPOCHS = 20;
    static final double DECAY = 0.1;

    private FineTuningSchedule() {
    }

    /**
     * @param epochs       the stage's epochs
     * @param learningRate the stage's base rate (0.001 on CIFAR, 0.002 on ImageNet-LT)
     * @param run          the run's schedule (batch size, momentum, weight decay)
     */
    static Schedule of(int epochs, double learningRate, Schedule run) {
        List<Integer> milestones = IntStream.of(8, 16)
                .map(m -> Schedule.scaledMilestone(m, REFERENCE_EPOCHS, epochs))
                .filter(m -> m > 1 && m <= epochs).distinct().boxed().toList();
        int warmup = (int) Math.round(5.0 * epochs / REFERENCE_EPOCHS);
        return new Schedule(epochs, run.batchSize(), learningRate, run.momentum(), run.weightDecay(), warmup,
                Schedule.PAPER_WARMUP_START_FACTOR, milestones, DECAY);
    }
}
