package dev.tailbench.spec;

import java.util.Map;

import dev.tailbench.api.Recipe;

/**
 * One run: experiment x combination x seed, with every setting decided.
 *
 * @param experiment  fully qualified name of the experiment class
 * @param combination name of the combination method
 * @param seed        training seed (weights, sampling order, augmentation)
 * @param data        the images
 * @param backbone    backbone name
 * @param schedule    optimisation schedule
 * @param recipe      the combination's tricks
 * @param stages      when the recipe changes phase, resolved against the schedule
 * @param device      requested device: {@code auto}, {@code cpu} or {@code gpu}
 * @param budget      how the run is judged
 */
public record RunSpec(String experiment, String combination, long seed, DataSpec data, String backbone,
        Schedule schedule, Recipe recipe, Stages stages, String device, Budget budget) {

    /** The same run judged by no budget: how a reference run is recorded inside a budget. */
    public RunSpec withoutBudget() {
        return new RunSpec(experiment, combination, seed, data, backbone, schedule, recipe, stages, device, Budget.none());
    }

    /**
     * The same run without its relative budget: how one seed of a combination with several seeds
     * runs, whose relative budget is decided over all seeds by a paired test instead.
     */
    public RunSpec withoutRelativeBudget() {
        Budget own = new Budget(budget.max(), null, 0, budget.epoch(), budget.paper());
        return new RunSpec(experiment, combination, seed, data, backbone, schedule, recipe, stages, device, own);
    }

    /** The experiment's simple name, used in paths and messages. */
    public String experimentName() {
        return experiment.substring(experiment.lastIndexOf('.') + 1).replace('$', '.');
    }

    /** A short label for logs: {@code Experiment.combination[seed]}. */
    public String label() {
        return experimentName() + "." + combination + " seed " + seed;
    }

    /** Every setting that decides the trained model, for results and for matching stored results. */
    public Map<String, Object> trainingSettings() {
        return Map.of("data", data, "backbone", backbone, "schedule", schedule, "recipe", recipe.describe(),
                "stages", stages, "seed", seed);
    }
}
