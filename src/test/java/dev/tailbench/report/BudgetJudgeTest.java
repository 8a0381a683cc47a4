package dev.tailbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.tailbench.spec.Budget;

import org.junit.jupiter.api.Test;

class BudgetJudgeTest {

    private static RunResult result(String combination, double best, double last) {
        return new RunResult(RunResult.SCHEMA, "E", "x.E", combination, 1, "f", Map.of(), null, "resnet8", 0, null,
                true, null, null, 2, 2, List.of(), new Top1Error(best, 1, last), null, null, null, 0, 0, "", "", null,
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
                .contains("max 30.00%").contains("over by 1.25 points").contains("Expecting actual");
    }

    @Test
    void bestEpochIsJudgedWhenAsked() {
        assertThat(BudgetJudge.judge(result("a", 20, 31), new Budget(30, null, 0, "best"), null).verdict().status())
                .isEqualTo("passed");
    }

    @Test
    void relativeBudgetUsesReferencePlusMarginAndTheTighterOfBoth() {
        RunResult reference = result("baseline", 25, 28);
        dev.tailbench.spec.RunSpec referenceSpec = new dev.tailbench.spec.RunSpec("x.E", "baseline", 1, null, "resnet8",
                null, dev.tailbench.api.Recipe.crossEntropy(), "cpu", Budget.none());
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
}
