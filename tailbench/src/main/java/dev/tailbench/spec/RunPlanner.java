package dev.tailbench.spec;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import dev.tailbench.api.Recipe;

/**
 * Plans an experiment's runs from what it declares and what the configuration overrides: the
 * schedule (epochs and batch overridden, milestones and warm-up scaled with the epochs) and, per
 * recipe, when its stages start ({@link Stages}). Plain values in, plain values out; reading the
 * annotations and reporting their problems stays with the engine's discovery.
 */
public final class RunPlanner {

    /**
     * The schedule an experiment declares ({@code @LongTailExperiment}'s values).
     *
     * @param warmupEpochs -1 for the default
     * @param milestones   1-based epochs, empty for the default
     */
    public record Declared(int epochs, int batchSize, double learningRate, double momentum, double weightDecay,
            int warmupEpochs, int[] milestones, double lrDecay) {
    }

    private final Schedule schedule;
    private final int declaredEpochs;
    private final int declaredFirstMilestone;

    private RunPlanner(Schedule schedule, int declaredEpochs, int declaredFirstMilestone) {
        this.schedule = schedule;
        this.declaredEpochs = declaredEpochs;
        this.declaredFirstMilestone = declaredFirstMilestone;
    }

    /**
     * The plan of a declared schedule under the epochs and batch size overrides. Explicit
     * milestones are scaled with the epochs, so that a shortened run keeps the declared shape.
     */
    public static RunPlanner of(Declared declared, OptionalInt epochsOverride, OptionalInt batchSizeOverride) {
        int epochs = epochsOverride.orElse(declared.epochs());
        int batchSize = batchSizeOverride.orElse(declared.batchSize());
        List<Integer> milestones = declared.milestones().length == 0 ? Schedule.defaultMilestones(epochs)
                : Arrays.stream(declared.milestones())
                        .map(m -> Schedule.scaledMilestone(m, declared.epochs(), epochs))
                        .filter(m -> m > 1 && m <= epochs).distinct().boxed().toList();
        int warmup = declared.warmupEpochs() == -1 ? Schedule.defaultWarmup(epochs)
                : Math.min(declared.warmupEpochs(), epochs);
        Schedule schedule = new Schedule(epochs, batchSize, declared.learningRate(), declared.momentum(),
                declared.weightDecay(), warmup, Schedule.PAPER_WARMUP_START_FACTOR, milestones, declared.lrDecay());
        // The reference's DRW and DRS start the epoch after the first decay: 1-based milestone m
        // decays from 0-based epoch m - 1, so the deferred stage starts at 0-based m.
        int firstMilestone = declared.milestones().length > 0 ? declared.milestones()[0]
                : Schedule.defaultMilestones(declared.epochs()).isEmpty() ? -1
                : Schedule.defaultDeferral(declared.epochs());
        return new RunPlanner(schedule, declared.epochs(), firstMilestone);
    }

    /** The schedule every run of the experiment trains with. */
    public Schedule schedule() {
        return schedule;
    }

    /**
     * Resolves a recipe's phase changes against the schedule. Epoch numbers are checked at the
     * declared epochs (a declaration error names the setting) and then scaled like the
     * milestones, so a run shortened by {@code tailbench.epochs} keeps its shape; a scaled phase
     * keeps at least one epoch.
     *
     * @throws IllegalArgumentException naming the setting, when the recipe does not fit the schedule
     */
    public Stages stages(Recipe recipe) {
        int epochs = schedule.epochs();
        int deferral = epochs;
        if (recipe.isTwoStage()) {
            if (recipe.deferralEpoch() == Recipe.AT_FIRST_MILESTONE) {
                if (declaredFirstMilestone < 1 || declaredFirstMilestone >= declaredEpochs) {
                    throw new IllegalArgumentException("the deferred stage starts at the first learning-rate milestone,"
                            + " but the schedule of @LongTailExperiment(epochs = " + declaredEpochs
                            + ") has none before its end: set optDeferralEpoch or @LongTailExperiment(milestones)");
                }
                // From the declared schedule, so that a run shortened until its milestones
                // vanish still defers where the declared one does, proportionally.
                deferral = scaled(declaredFirstMilestone);
            }
            else {
                if (recipe.deferralEpoch() >= declaredEpochs) {
                    throw new IllegalArgumentException("optDeferralEpoch(" + recipe.deferralEpoch()
                            + ") leaves no epoch for the deferred stage of @LongTailExperiment(epochs = "
                            + declaredEpochs + ")");
                }
                deferral = scaled(recipe.deferralEpoch());
            }
            if (epochs < 2) {
                throw new IllegalArgumentException("a two-stage recipe needs at least 2 epochs, the run has " + epochs
                        + " (configuration parameter tailbench.epochs)");
            }
            deferral = Math.max(1, Math.min(epochs - 1, deferral));
        }
        int mixupEpochs = 0;
        if (recipe.mixup() != null) {
            mixupEpochs = epochs;
            if (recipe.fineTuneWithoutMixup() > 0) {
                if (recipe.fineTuneWithoutMixup() >= declaredEpochs) {
                    throw new IllegalArgumentException("optFineTuneWithoutMixup(" + recipe.fineTuneWithoutMixup()
                            + ") leaves no epoch with mixup in @LongTailExperiment(epochs = " + declaredEpochs + ")");
                }
                if (epochs < 2) {
                    throw new IllegalArgumentException("fine-tuning without mixup needs at least 2 epochs, the run has "
                            + epochs + " (configuration parameter tailbench.epochs)");
                }
                mixupEpochs = epochs - Math.max(1, Math.min(epochs - 1, scaled(recipe.fineTuneWithoutMixup())));
            }
        }
        int rebalancingEpochs = 0;
        if (recipe.rebalancing() != null && recipe.rebalancing().parameters().containsKey("epochs")) {
            rebalancingEpochs = Math.max(1, scaled((int) recipe.rebalancing().parameter("epochs")));
        }
        int fineTuningEpochs = recipe.fineTuning() == null ? 0
                : Math.max(1, scaled((int) recipe.fineTuning().parameter("epochs")));
        return new Stages(deferral, mixupEpochs, rebalancingEpochs, fineTuningEpochs);
    }

    /** A declared number of epochs at the run's scale. */
    int scaled(int declared) {
        return (int) Math.round((double) declared * schedule.epochs() / declaredEpochs);
    }
}
