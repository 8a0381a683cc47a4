package dev.tailbench.report;

import java.util.List;

/**
 * The budget a run was judged by, with the numbers it was judged on.
 *
 * @param max               absolute budget (%), null for none
 * @param notWorseThan      combination compared with, null for none
 * @param margin            points allowed above the reference
 * @param epoch             {@code last}, {@code validation} or {@code best-on-test}
 * @param referenceError    the reference's error on that epoch, null without reference
 * @param limit             the binding limit of {@code epoch}'s error (the lower of both budgets), null without budget
 * @param paper             the published figures and whether each applied; an applicable one
 *                          limits the best-epoch error, which is what the papers' code reports
 */
public record BudgetRecord(Double max, String notWorseThan, Double margin, String epoch, Double referenceError,
        Double limit, List<PaperCheck> paper) {

    /**
     * One published figure held against the run.
     *
     * @param figure     the figure and its protocol, in one line
     * @param error      the published error (%)
     * @param applicable whether the run matches the figure's protocol
     * @param mismatches how the run's protocol differs (empty when applicable)
     * @param limit      error + tolerance for the best epoch, when applicable
     */
    public record PaperCheck(String figure, double error, boolean applicable, List<String> mismatches, Double limit) {
    }
}
