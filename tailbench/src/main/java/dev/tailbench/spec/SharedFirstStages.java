package dev.tailbench.spec;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.tailbench.api.Recipe;

/**
 * Where runs of one execution train the same epochs. Two-stage recipes (DRW, DRS, CAM-based
 * sampling), classifier re-balancing (cRT, LWS, BALMS, tau-norm) and a fine-tuning stage all start
 * with a first stage that is often plain cross-entropy; when two runs agree on everything that
 * decides their first {@code k} epochs, the network, momentum and records after those epochs are
 * the same (every epoch draws from its own seed, see the run package's {@code EpochRandom}), so
 * one run trains them and the other continues from its state.
 *
 * <p>The points worth sharing are where a run's first stage ends: a hand-off to a later stage, or
 * the run's end. For each such epoch {@code k}, the runs whose first {@code k} epochs are alike
 * (same {@link #settings}) get {@code k} in {@link #epochs}: each saves its state after epoch
 * {@code k} and, when another has saved it already, starts from it. A plain cross-entropy run with
 * as many epochs as a cRT run therefore shares all of its epochs with it, DRW shares the epochs
 * before its deferral with both, and a recipe declared twice (under two budgets, say) trains once.
 */
public final class SharedFirstStages {

    private static final SharedFirstStages NONE = new SharedFirstStages(Map.of());

    private final Map<String, SortedSet<Integer>> epochs;

    private SharedFirstStages(Map<String, SortedSet<Integer>> epochs) {
        this.epochs = epochs;
    }

    /** No run shares anything. */
    public static SharedFirstStages none() {
        return NONE;
    }

    /** The epochs the given runs share, each run with every run of the collection. */
    public static SharedFirstStages plan(Collection<RunSpec> runs) {
        Set<Integer> ends = new TreeSet<>();
        for (RunSpec run : runs) {
            ends.add(firstStageEpochs(run));
        }
        Map<String, SortedSet<Integer>> planned = new HashMap<>();
        for (int k : ends) {
            // Runs grouped by what decides their first k epochs; a group with a run whose first
            // stage ends at k and at least one other run shares epoch k.
            Map<Map<String, Object>, Map<String, RunSpec>> alike = new LinkedHashMap<>();
            for (RunSpec run : runs) {
                if (firstStageEpochs(run) >= k) {
                    alike.computeIfAbsent(settings(run, k), key -> new LinkedHashMap<>()).putIfAbsent(id(run), run);
                }
            }
            for (Map<String, RunSpec> group : alike.values()) {
                boolean endsHere = group.values().stream().anyMatch(run -> firstStageEpochs(run) == k);
                if (group.size() > 1 && endsHere) {
                    group.keySet().forEach(id -> planned.computeIfAbsent(id, any -> new TreeSet<>()).add(k));
                }
            }
        }
        return new SharedFirstStages(Map.copyOf(planned));
    }

    /** The epochs after which the run saves its state for others, or starts from theirs; ascending. */
    public SortedSet<Integer> epochs(RunSpec run) {
        return epochs.getOrDefault(id(run), new TreeSet<>());
    }

    /**
     * Epochs of the run's first stage: up to the deferral for a two-stage recipe, else all of the
     * schedule's (a fine-tuning or re-balancing stage comes after them).
     */
    public static int firstStageEpochs(RunSpec run) {
        return run.recipe().isTwoStage() ? run.stages().deferralEpoch() : run.schedule().epochs();
    }

    /**
     * Everything that decides a run's state after its first {@code epochs} epochs (at most its first
     * stage): the data, the network (with LDAM's cosine head, which a deferred LDAM puts there from
     * the start), the seed, the whole schedule (the learning rate of an epoch depends on the
     * milestones, a progressive sampler on the run's epochs), the first stage's loss, sampler,
     * augmentation and mixup, and how many of the epochs train with mixup.
     *
     * @throws IllegalArgumentException when {@code epochs} reaches past the first stage
     */
    public static Map<String, Object> settings(RunSpec run, int epochs) {
        if (epochs < 1 || epochs > firstStageEpochs(run)) {
            throw new IllegalArgumentException(run.label() + " has " + firstStageEpochs(run)
                    + " first-stage epochs; " + epochs + " cannot be shared");
        }
        Recipe recipe = run.recipe();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("data", run.data());
        settings.put("backbone", run.backbone());
        settings.put("cosineClassifier", recipe.trainsCosineClassifier());
        settings.put("seed", run.seed());
        settings.put("schedule", run.schedule());
        settings.put("loss", recipe.loss());
        settings.put("sampler", recipe.sampler());
        settings.put("augmentation", recipe.augmentation());
        settings.put("mixup", recipe.mixup() == null ? "none" : recipe.mixup());
        settings.put("mixupEpochs", recipe.mixup() == null ? 0 : Math.min(run.stages().mixupEpochs(), epochs));
        settings.put("device", run.device());
        settings.put("epochs", epochs);
        return settings;
    }

    private static String id(RunSpec run) {
        return String.join("#", List.of(run.experiment(), run.combination(), Long.toString(run.seed())));
    }
}
