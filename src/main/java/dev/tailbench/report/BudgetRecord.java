package dev.tailbench.report;

/**
 * The budget a run was judged by, with the numbers it was judged on.
 *
 * @param max               absolute budget (%), null for none
 * @param notWorseThan      combination compared with, null for none
 * @param margin            points allowed above the reference
 * @param epoch             {@code last} or {@code best}
 * @param referenceError    the reference's error on that epoch, null without reference
 * @param limit             the binding limit (the lower of both budgets), null without budget
 */
public record BudgetRecord(Double max, String notWorseThan, Double margin, String epoch, Double referenceError,
        Double limit) {
}
