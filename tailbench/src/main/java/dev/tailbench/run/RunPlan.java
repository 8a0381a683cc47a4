package dev.tailbench.run;

import java.util.List;

import dev.tailbench.spec.RunSpec;

/**
 * The phases of a run's main epochs in the order they train, computed once from its spec. A fresh
 * run walks them from the first; a resumed run, or one that starts from epochs another run shared,
 * continues in the phase its next epoch belongs to ({@link #continuingAt}) and walks the rest the
 * same way, so that both build every phase the same way. The stages after the main epochs
 * (fine-tuning, classifier re-balancing) are not checkpointed within and always train whole.
 *
 * @param main             {@code main}, or {@code first} then {@code deferred}
 * @param fineTuningEpochs epochs of the fine-tuning stage without mixup after the main ones (0: none)
 * @param rebalancing      whether a classifier re-balancing stage follows
 * @param fromSelected     whether the stage after the main epochs starts from the model the
 *                         validation split selected (the reference's fine-tuning and tau-norm load
 *                         its best_model.pth), not from the last epoch's
 */
record RunPlan(List<PlannedPhase> main, int fineTuningEpochs, boolean rebalancing, boolean fromSelected) {

    /** The first phase of a two-stage recipe. */
    static final String FIRST = "first";
    /** The phase that trains from the deferral epoch on. */
    static final String DEFERRED = "deferred";
    /** The only phase of a one-stage recipe. */
    static final String MAIN = "main";

    /**
     * One phase of the main epochs.
     *
     * @param name  {@link #MAIN}, {@link #FIRST} or {@link #DEFERRED}
     * @param start its first epoch, 0-based
     * @param end   the epoch after its last, 0-based
     */
    record PlannedPhase(String name, int start, int end) {

        boolean deferred() {
            return name.equals(DEFERRED);
        }
    }

    static RunPlan of(RunSpec spec) {
        int epochs = spec.schedule().epochs();
        int deferral = spec.stages().deferralEpoch();
        // A deferred stage scaled down to nothing leaves the first phase alone (and generates nothing).
        List<PlannedPhase> main = spec.recipe().isTwoStage() && deferral < epochs
                ? List.of(new PlannedPhase(FIRST, 0, deferral), new PlannedPhase(DEFERRED, deferral, epochs))
                : List.of(new PlannedPhase(spec.recipe().isTwoStage() ? FIRST : MAIN, 0, epochs));
        int fineTuning = spec.stages().fineTuningEpochs();
        boolean rebalancing = spec.recipe().rebalancing() != null;
        boolean fromSelected = fineTuning > 0 || (rebalancing && spec.recipe().rebalancing().name().equals("tau-norm"));
        return new RunPlan(main, fineTuning, rebalancing, fromSelected);
    }

    /**
     * The index of the phase a run whose next epoch is {@code nextEpoch} continues in: the first
     * phase for a fresh run, else the one whose epochs {@code nextEpoch} ends or falls inside (at
     * the deferral epoch that is the first phase: it has not been closed yet).
     */
    int continuingAt(int nextEpoch) {
        if (nextEpoch == 0) {
            return 0;
        }
        for (int i = 0; i < main.size(); i++) {
            if (main.get(i).start() < nextEpoch && nextEpoch <= main.get(i).end()) {
                return i;
            }
        }
        throw new IllegalArgumentException("epoch " + nextEpoch + " is outside the run's " + epochs() + " epochs");
    }

    /** The run's main epochs. */
    int epochs() {
        return main.get(main.size() - 1).end();
    }

    /** Whether a stage trains after the main epochs (so the last phase hands its network off). */
    boolean laterStage() {
        return fineTuningEpochs > 0 || rebalancing;
    }
}
