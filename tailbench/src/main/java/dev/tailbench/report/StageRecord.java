package dev.tailbench.report;

import java.util.Map;

/**
 * One phase of a run: which epochs it trained, with which tricks, and the checkpoint it handed to
 * the next phase.
 *
 * @param name             {@code main} (a single-stage run), {@code first} and {@code deferred}
 *                         (DRW / DRS), or the classifier re-balancing ({@code crt}, {@code lws},
 *                         {@code tau-norm})
 * @param firstEpoch       1-based first epoch of the phase in the curve (tau-norm, which does not
 *                         train, adds one curve point: the evaluation after rescaling)
 * @param lastEpoch        1-based last epoch
 * @param tricks           the tricks active in the phase (loss, sampler, mixup...)
 * @param checkpoint       the parameters at the end of the phase, relative to the results
 *                         directory, when a later phase started from them; null otherwise
 * @param checkpointSha256 SHA-256 of the checkpoint file, so a hand-off can be verified
 * @param details          what the phase produced beyond the curve, e.g. the synthetic images of
 *                         CAM-based sampling per class and per transform, and the
 *                         {@value #EXAMPLES_IMAGE} grid
 */
public record StageRecord(String name, int firstEpoch, int lastEpoch, Map<String, Object> tricks, String checkpoint,
        String checkpointSha256, Map<String, Object> details) {

    /**
     * Key in {@link #details()} of the grid of original / CAM / mask / generated examples, a PNG
     * whose path is relative to the results directory.
     */
    public static final String EXAMPLES_IMAGE = "examplesImage";
}
