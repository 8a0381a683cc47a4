package dev.tailbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.tailbench.spec.Budget;

import org.junit.jupiter.api.Test;

class BudgetJudgeTest {

    private static RunResult result(String combination, double best, double last) {
        return new RunResult(RunResult.SCHEMA, "E", "x.E", combination, 1, "f", Map.of(), null, "resnet8", 0, null,
                true, List.of(), null, null, 2, 2, List.of(), new Top1Error(best, 1, last), null, null, null, 0, 0, "", "", null,
                null);
    }

    @Test
    void absoluteBudgetPassesAndFailsOnTheLastEpoch() {
        RunResult passed = BudgetJudge.judge(result("a", 20, 29.5), new Budget(30, null, 0, "last"), null);
        assertThat(passed.verdict().status()).isEqualTo("passed");
        assertThat(passed.budget().limit()).isEqualTo(30.0);

        RunResult failed = BudgetJudge.judge(result("a", 20, 31.25), new Budget(30, null, 0, "last"), null);
        assertThat(failed.verdict().status()).isEqualTo("failed");
        assertThat(failed.verdict().measured()).isEqualTo(31.25);
        assertThat(failed.verdict().message()).contains("top-1 error (last epoch) 31.25%")
                .contains("max 30.00%").contains("over by 1.25 points").contains("at most 30.00% allowed");
    }

    @Test
    void bestOnTestIsJudgedWhenAsked() {
        assertThat(BudgetJudge.judge(result("a", 20, 31), new Budget(30, null, 0, "best-on-test"), null).verdict().status())
                .isEqualTo("passed");
        // results written before the name: "best"
        assertThat(BudgetJudge.judge(result("a", 20, 31), new Budget(30, null, 0, "best"), null).verdict().status())
                .isEqualTo("passed");
    }

    @Test
    void theValidationChoiceIsJudgedWhenAskedAndNeedsASplit() {
        RunResult withSplit = new RunResult(RunResult.SCHEMA, "E", "x.E", "a", 1, "f", Map.of(), null, "resnet8", 0, null,
                true, List.of(), null, null, 3, 3, List.of(), new Top1Error(20, 1, 31, 29.0, 2), null, null, null, 0, 0,
                "", "", null, null);
        RunResult judged = BudgetJudge.judge(withSplit, new Budget(30, null, 0, "validation"), null);
        assertThat(judged.verdict().status()).isEqualTo("passed");
        assertThat(judged.verdict().measured()).isEqualTo(29.0);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> BudgetJudge.judge(result("a", 20, 31), new Budget(30, null, 0, "validation"), null))
                .hasMessageContaining("no validation split").hasMessageContaining("validationPerClass");
    }

    @Test
    void relativeBudgetUsesReferencePlusMarginAndTheTighterOfBoth() {
        RunResult reference = result("baseline", 25, 28);
        dev.tailbench.spec.RunSpec referenceSpec = new dev.tailbench.spec.RunSpec("x.E", "baseline", 1, null, "resnet8",
                null, dev.tailbench.api.Recipe.crossEntropy(), dev.tailbench.spec.Stages.single(2), "cpu", Budget.none());
        RunResult within = BudgetJudge.judge(result("a", 20, 28.9), new Budget(Double.NaN, referenceSpec, 1.0, "last"),
                reference);
        assertThat(within.verdict().status()).isEqualTo("passed");
        assertThat(within.budget().referenceError()).isEqualTo(28.0);
        assertThat(within.budget().limit()).isEqualTo(29.0);

        RunResult both = BudgetJudge.judge(result("a", 20, 28.9), new Budget(28.5, referenceSpec, 1.0, "last"),
                reference);
        assertThat(both.verdict().status()).isEqualTo("failed");
        assertThat(both.verdict().message()).contains("max 28.50% and baseline's 28.00% +1.00 = 29.00%");
    }

    @Test
    void noBudgetIsRecordedAsSuch() {
        assertThat(BudgetJudge.judge(result("a", 20, 31), Budget.none(), null).verdict().status())
                .isEqualTo("no-budget");
    }

    private static final dev.tailbench.spec.PaperFigure BSCE = new dev.tailbench.spec.PaperFigure("cifar-10", "cui", 100,
            "resnet32", 200, 23.63, 1.0, "trick_gallery.md");

    @Test
    void publishedFigureOfAnotherProtocolIsReportedNotApplicableNeverPassed() {
        RunResult judged = BudgetJudge.judge(result("bsce", 30, 31), Budget.none(), null,
                List.of(Map.entry(BSCE, List.of("data set fashion-mnist (paper cifar-10)", "epochs 30 (paper 200)"))));
        assertThat(judged.verdict().status()).isEqualTo("not-applicable");
        assertThat(judged.verdict().message()).contains("published 23.63%")
                .contains("not applicable: data set fashion-mnist (paper cifar-10), epochs 30 (paper 200)");
        assertThat(judged.budget().paper()).singleElement().satisfies(check -> {
            assertThat(check.applicable()).isFalse();
            assertThat(check.limit()).isNull();
            assertThat(check.mismatches()).hasSize(2);
        });
    }

    @Test
    void notApplicableFigureLeavesTheOtherBudgetsInCharge() {
        RunResult judged = BudgetJudge.judge(result("bsce", 30, 31), new Budget(32, null, 0, "last"), null,
                List.of(Map.entry(BSCE, List.of("epochs 30 (paper 200)"))));
        assertThat(judged.verdict().status()).isEqualTo("passed");
        assertThat(judged.verdict().message()).contains("max 32.00%").contains("not applicable: epochs 30");
    }

    @Test
    void applicableFigureLimitsTheBestEpochError() {
        // Best 24.5 <= 23.63 + 1.0 = 24.63 passes; best 24.7 does not.
        RunResult passed = BudgetJudge.judge(result("bsce", 24.5, 26), Budget.none(), null,
                List.of(Map.entry(BSCE, List.of())));
        assertThat(passed.verdict().status()).isEqualTo("passed");
        assertThat(passed.budget().paper().get(0).limit()).isEqualTo(23.63 + 1.0);
        RunResult failed = BudgetJudge.judge(result("bsce", 24.7, 24.7), Budget.none(), null,
                List.of(Map.entry(BSCE, List.of())));
        assertThat(failed.verdict().status()).isEqualTo("failed");
        assertThat(failed.verdict().message()).contains("(best epoch) 24.70%").contains("over by 0.07 points");
    }
}
