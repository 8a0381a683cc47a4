package dev.tailbench.spec;

import java.util.List;

/**
 * An error budget of one run, resolved from {@code @ErrorBudget}.
 *
 * @param max          absolute budget in error percent, NaN for none
 * @param notWorseThan the run the error is compared with (same experiment and seed), or null
 * @param margin       points allowed above the reference's error
 * @param epoch        {@code last}, {@code validation} or {@code best-on-test}
 * @param paper        published figures of the combination; each is a budget only for a run of its protocol
 */
public record Budget(double max, RunSpec notWorseThan, double margin, String epoch, List<PaperFigure> paper) {

    public Budget {
        paper = List.copyOf(paper);
    }

    /** A budget without published figures. */
    public Budget(double max, RunSpec notWorseThan, double margin, String epoch) {
        this(max, notWorseThan, margin, epoch, List.of());
    }

    /** No budget: the run is measured and recorded, never failed on its error. */
    public static Budget none() {
        return none(List.of());
    }

    /** No budget of the run's own; published figures, which judge it only at their protocol. */
    public static Budget none(List<PaperFigure> paper) {
        return new Budget(Double.NaN, null, 0, "last", paper);
    }

    public boolean hasAbsolute() {
        return !Double.isNaN(max);
    }

    public boolean hasRelative() {
        return notWorseThan != null;
    }
}
