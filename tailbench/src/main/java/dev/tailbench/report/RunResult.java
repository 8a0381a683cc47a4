package dev.tailbench.report;

import java.util.List;
import java.util.Map;

import dev.tailbench.metrics.ShotAccuracy;
import dev.tailbench.spec.CombinationName;
import dev.tailbench.spec.Schedule;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Everything about one run, written as one JSON file: configuration, data, device, versions,
 * curve, metrics, budget and verdict. Field names are documented in docs/results.md.
 */
public record RunResult(
        String schema,
        String experiment,
        String experimentClass,
        String combination,
        long seed,
        String fingerprint,
        Map<String, Object> recipe,
        DatasetRecord dataset,
        String backbone,
        long trainableParameters,
        Schedule schedule,
        boolean augmentation,
        List<StageRecord> stages,
        DeviceRecord device,
        Versions versions,
        int epochs,
        int epochsCompleted,
        List<EpochRecord> curve,
        Top1Error top1Error,
        double[] perClassAccuracy,
        long[][] confusionMatrix,
        ShotAccuracy shots,
        double imagesPerSecond,
        double trainingSeconds,
        String startedAt,
        String finishedAt,
        BudgetRecord budget,
        Verdict verdict) {

    /** Version of this layout; bumped when a field changes meaning. */
    public static final String SCHEMA = "tailbench-result/2";

    /**
     * Whether this is the result of a whole run: every planned epoch trained and no error. The
     * partial result of a crashed run is kept on disk for its curve, but never stands in for a run
     * (as a reference, a seed of a summary, or a finished row of a table).
     */
    public boolean complete() {
        return top1Error != null && epochsCompleted >= epochs && (verdict == null || !"error".equals(verdict.status()));
    }

    /** The judged error for {@code epoch} = {@code last}, {@code validation} or {@code best-on-test}. */
    public double error(String epoch) {
        return switch (epoch) {
            // "best": results written before best-on-test was named as such
            case "best-on-test", "best" -> top1Error.bestOnTest();
            case "validation" -> {
                if (top1Error.validationSelected() == null) {
                    throw new IllegalStateException(combination + " seed " + seed + " has no validation split to"
                            + " select an epoch with (@LongTailExperiment(validationPerClass))");
                }
                yield top1Error.validationSelected();
            }
            default -> top1Error.last();
        };
    }

    /**
     * The values of a swept combination ({@code @Values}), by parameter, from its name
     * {@code method[k=v,...]}; empty when the combination is not swept. Written to the JSON as
     * {@code sweep}, so that a table of a sweep can be built from the files alone.
     */
    @JsonProperty(value = "sweep", access = JsonProperty.Access.READ_ONLY)
    public Map<String, String> sweep() {
        return CombinationName.values(combination);
    }

    /** The same result with its budget and verdict. */
    public RunResult judged(BudgetRecord budget, Verdict verdict) {
        return new RunResult(schema, experiment, experimentClass, combination, seed, fingerprint, recipe, dataset, backbone,
                trainableParameters, schedule, augmentation, stages, device, versions, epochs, epochsCompleted, curve,
                top1Error, perClassAccuracy, confusionMatrix, shots, imagesPerSecond, trainingSeconds, startedAt,
                finishedAt, budget, verdict);
    }
}
