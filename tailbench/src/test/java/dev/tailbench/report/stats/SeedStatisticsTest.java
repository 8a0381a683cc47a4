package dev.tailbench.report.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Hand computations use two degrees of freedom (three seeds), where Student's t has closed forms:
 * F(t) = 1/2 + t / (2 sqrt(2 + t^2)) and the quantile q(p) = (2p - 1) / sqrt(2p(1 - p)).
 */
class SeedStatisticsTest {

    @Test
    void meanSpreadAndIntervalOfThreeSeeds() {
        SeedStatistics stats = SeedStatistics.of(new double[] {20, 21, 22.5}, 0.95);
        // mean 21.1667; sd sqrt(((-7/6)^2 + (-1/6)^2 + (4/3)^2) / 2) = 1.25831;
        // q(0.975) = 0.95 / sqrt(0.04875) = 4.30265; half width 4.30265 * 1.25831 / sqrt(3) = 3.12581.
        assertThat(stats.mean()).isCloseTo(21.166667, within(1e-6));
        assertThat(stats.standardDeviation()).isCloseTo(1.258306, within(1e-6));
        assertThat(stats.low()).isCloseTo(18.040862, within(1e-6));
        assertThat(stats.high()).isCloseTo(24.292471, within(1e-6));
    }

    @Test
    void oneSeedHasNoSpread() {
        assertThatThrownBy(() -> SeedStatistics.of(new double[] {20}, 0.95)).hasMessageContaining("at least 2 seeds");
    }

    @Test
    void betterByAtLeastAMarginIsDecidedByTheOneSidedPairedTest() {
        // d = (-6, -6.5, -5.8), margin -5: mean -6.1, sd 0.360555, t = -1.1 / (0.360555 / sqrt 3) = -5.28423,
        // p = 1/2 - 5.28423 / (2 sqrt(2 + 27.9231)) = 0.016998.
        PairedTest test = PairedTest.of(new double[] {14, 13.5, 14.2}, new double[] {20, 20, 20}, -5, 0.05);
        assertThat(test.meanDifference()).isCloseTo(-6.1, within(1e-9));
        assertThat(test.t()).isCloseTo(-5.284229, within(1e-6));
        assertThat(test.degreesOfFreedom()).isEqualTo(2);
        assertThat(test.pValue()).isCloseTo(0.016998, within(1e-6));
        assertThat(test.passed()).isTrue();
        assertThat(test.describe()).contains("mean difference -6.10 points over 3 seeds (-6.00, -6.50, -5.80)")
                .contains("p = 0.0170 < 0.05");
    }

    @Test
    void notWorseByMoreThanAMarginFailsWhenTheSeedsCannotShowIt() {
        // d = (0.5, -0.2, 1.1), margin +1: mean 0.466667, sd 0.650641, t = -1.419770, p = 0.145754.
        PairedTest test = PairedTest.of(new double[] {20.5, 19.8, 21.1}, new double[] {20, 20, 20}, 1, 0.05);
        assertThat(test.t()).isCloseTo(-1.419770, within(1e-6));
        assertThat(test.pValue()).isCloseTo(0.145754, within(1e-6));
        assertThat(test.passed()).isFalse();
        assertThat(test.describe()).contains("p = 0.1458 >= 0.05");
    }

    @Test
    void identicalDifferencesAreDecidedByTheirSign() {
        assertThat(PairedTest.of(new double[] {18, 18}, new double[] {20, 20}, -1, 0.05).passed()).isTrue();
        assertThat(PairedTest.of(new double[] {20, 20}, new double[] {20, 20}, 0, 0.05).passed()).isFalse();
    }

    @Test
    void pairsMustMatch() {
        assertThatThrownBy(() -> PairedTest.of(new double[] {1, 2}, new double[] {1}, 0, 0.05))
                .hasMessageContaining("same number (at least 2)");
    }

    @Test
    void theDifferenceFromTheBaselineHasATwoSidedIntervalAndPValue() {
        // d = (-1, -2, -3): mean -2, sd 1, t = -2 / (1 / sqrt 3) = -3.464102;
        // p = 2 (1 - F(3.464102)) = 1 - 3.464102 / sqrt(2 + 12) = 0.074180;
        // half width q(0.975) / sqrt 3 = 4.302653 / 1.732051 = 2.484138.
        PairedDifference difference = PairedDifference.of(new double[] {19, 20, 21}, new double[] {20, 22, 24}, 0.95);
        assertThat(difference.differences().mean()).isCloseTo(-2, within(1e-12));
        assertThat(difference.t()).isCloseTo(-3.464102, within(1e-6));
        assertThat(difference.pValue()).isCloseTo(0.074180, within(1e-6));
        assertThat(difference.differences().low()).isCloseTo(-4.484138, within(1e-6));
        assertThat(difference.differences().high()).isCloseTo(0.484138, within(1e-6));
        assertThat(difference.describe()).isEqualTo("-2.00 (95% CI -4.48 to +0.48, p = 0.0742)");
    }

    @Test
    void identicalDifferencesAreCertainAndNoDifferenceIsNone() {
        assertThat(PairedDifference.of(new double[] {19, 20}, new double[] {20, 21}, 0.95).pValue()).isZero();
        PairedDifference none = PairedDifference.of(new double[] {20, 21}, new double[] {20, 21}, 0.95);
        assertThat(none.pValue()).isEqualTo(1);
        assertThat(none.t()).isNaN();
    }
}
