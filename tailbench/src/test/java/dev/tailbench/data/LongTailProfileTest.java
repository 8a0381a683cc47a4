package dev.tailbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LongTailProfileTest {

    // Totals of the CIFAR-10-LT and CIFAR-100-LT training sets in the literature.
    @ParameterizedTest(name = "n_max {0}, C {1}, IF {2} -> {3}")
    @CsvSource({"5000, 10, 100, 12406", "5000, 10, 50, 13996", "500, 100, 100, 10847",
            "500, 100, 50, 12608"})
    void exponentialTotalsMatchCifarLt(int headCount, int classCount, double imbalance, int total) {
        int[] counts = LongTailProfile.exponential(imbalance).counts(headCount, classCount);
        assertThat(counts).hasSize(classCount);
        assertThat(Arrays.stream(counts).sum()).isEqualTo(total);
        assertThat(counts[0]).isEqualTo(headCount);
        assertThat(counts[classCount - 1]).isEqualTo((int) (headCount / imbalance));
    }

    @Test
    void exponentialPerClass() {
        assertThat(LongTailProfile.exponential(100).counts(5000, 10))
                .containsExactly(5000, 2997, 1796, 1077, 645, 387, 232, 139, 83, 50);
        assertThat(LongTailProfile.exponential(50).counts(5000, 10))
                .containsExactly(5000, 3237, 2096, 1357, 878, 568, 368, 238, 154, 100);
        assertThat(LongTailProfile.exponential(100).counts(500, 100))
                .startsWith(500, 477, 455, 434, 415, 396, 378, 361, 344, 328).endsWith(5);
        // the embedded Fashion-MNIST-LT pool
        assertThat(LongTailProfile.exponential(100).counts(1200, 10))
                .containsExactly(1200, 719, 431, 258, 154, 92, 55, 33, 20, 12);
    }

    @Test
    void exponentialEdgeCases() {
        assertThat(LongTailProfile.exponential(1).counts(7, 4)).containsExactly(7, 7, 7, 7);
        assertThat(LongTailProfile.exponential(10).counts(7, 1)).containsExactly(7);
        LongTailProfile profile = LongTailProfile.exponential(100);
        assertThat(profile.name()).isEqualTo("exponential");
        assertThat(profile.imbalance()).isEqualTo(100);
    }

    @Test
    void step() {
        assertThat(LongTailProfile.step(10).counts(5000, 10))
                .containsExactly(5000, 5000, 5000, 5000, 5000, 500, 500, 500, 500, 500);
        assertThat(LongTailProfile.step(100, 0.5).counts(500, 5))
                .containsExactly(500, 500, 5, 5, 5); // floor(2.5) majority classes
        assertThat(LongTailProfile.step(3, 0.8).counts(10, 10))
                .containsExactly(10, 10, 3, 3, 3, 3, 3, 3, 3, 3);
        assertThat(LongTailProfile.step(3, 0).counts(10, 3)).containsExactly(10, 10, 10);
        assertThat(LongTailProfile.step(3, 1).counts(10, 3)).containsExactly(3, 3, 3);
        assertThat(LongTailProfile.step(10).name()).isEqualTo("step");
        assertThat(LongTailProfile.step(10).imbalance()).isEqualTo(10);
    }

    @Test
    void none() {
        assertThat(LongTailProfile.none().counts(300, 3)).containsExactly(300, 300, 300);
        assertThat(LongTailProfile.none().imbalance()).isEqualTo(1);
        assertThat(LongTailProfile.none().name()).isEqualTo("none");
        assertThat(LongTailProfile.balanced()).isSameAs(LongTailProfile.none());
    }

    @Test
    void validation() {
        for (double bad : new double[] {0.5, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> LongTailProfile.exponential(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("imbalance");
            assertThatThrownBy(() -> LongTailProfile.step(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("imbalance");
        }
        assertThatThrownBy(() -> LongTailProfile.step(10, 1.5))
                .hasMessageContaining("minorityFraction");
        assertThatThrownBy(() -> LongTailProfile.exponential(10).counts(-1, 10))
                .hasMessageContaining("headCount");
        assertThatThrownBy(() -> LongTailProfile.exponential(10).counts(10, 0))
                .hasMessageContaining("classCount");
    }
}
