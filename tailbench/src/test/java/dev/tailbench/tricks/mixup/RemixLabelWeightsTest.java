package dev.tailbench.tricks.mixup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;

/** The label weight rule of remix, one case per branch, expected values worked out by hand. */
class RemixLabelWeightsTest {

    /** Class sizes: n_0 = 300, n_1 = 100, n_2 = 30, n_3 = 10, n_4 = 299. */
    private static final int[] COUNTS = {300, 100, 30, 10, 299};

    private static float[] weights(Remix remix, long[] labels, long[] partners, double lambda) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return remix.labelWeights(manager.create(labels), manager.create(partners), lambda).toFloatArray();
        }
    }

    /**
     * lambda 0.3 < tau 0.5 (and 1 - lambda = 0.7 is not): pairs with n_a / n_b >= kappa 3 get 0.
     * n_a / n_b: 300/100 = 3 -> 0; 100/300 -> 0.3; 300/300 -> 0.3; 100/30 = 3.33 -> 0;
     * 30/100 -> 0.3; 300/10 = 30 -> 0; 299/100 = 2.99 -> 0.3.
     */
    @Test
    void frequentClassWithLittleOfTheImageLosesItsLabel() {
        Remix remix = new Remix(1, 3, 0.5, COUNTS);
        assertThat(weights(remix, new long[] {0, 1, 0, 1, 2, 0, 4}, new long[] {1, 0, 0, 2, 1, 3, 1}, 0.3))
                .containsExactly(0, 0.3f, 0.3f, 0, 0.3f, 0, 0.3f);
    }

    /**
     * lambda 0.8: 1 - lambda = 0.2 < tau 0.5 (lambda is not): pairs with n_a / n_b <= 1/3 get 1.
     * 100/300 -> 1; 300/100 -> 0.8; 30/100 -> 1; 100/30 -> 0.8; 30/300 -> 1; 10/30 -> 1;
     * 30/10 -> 0.8; 100/299 = 0.334 -> 0.8; 100/100 -> 0.8.
     */
    @Test
    void rareClassWithMostOfTheImageKeepsItsWholeLabel() {
        Remix remix = new Remix(1, 3, 0.5, COUNTS);
        assertThat(weights(remix, new long[] {1, 0, 2, 1, 2, 3, 2, 1, 1}, new long[] {0, 1, 1, 2, 0, 2, 3, 4, 1}, 0.8))
                .containsExactly(1, 0.8f, 1, 0.8f, 1, 1, 0.8f, 0.8f, 0.8f);
    }

    /** lambda = tau = 0.5: neither lambda nor 1 - lambda is below tau, so even a ratio of 30 keeps lambda. */
    @Test
    void balancedMixKeepsLambda() {
        Remix remix = new Remix(1, 3, 0.5, COUNTS);
        assertThat(weights(remix, new long[] {0, 3, 1}, new long[] {3, 0, 1}, 0.5)).containsExactly(0.5f, 0.5f, 0.5f);
    }

    /**
     * kappa 1, tau 0.6, lambda 0.5: both rules apply. Equal classes (ratio 1) meet both conditions
     * and the second (weight 1) wins; 300/100 meets only the first -> 0; 100/300 only the second -> 1.
     */
    @Test
    void whenBothRulesApplyTheRareClassRuleWins() {
        Remix remix = new Remix(1, 1, 0.6, COUNTS);
        assertThat(weights(remix, new long[] {1, 0, 1}, new long[] {1, 1, 0}, 0.5)).containsExactly(1, 0, 1);
    }

    @Test
    void int32LabelsWork() {
        Remix remix = new Remix(1, 3, 0.5, COUNTS);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] weights = remix.labelWeights(manager.create(new int[] {0, 1}), manager.create(new int[] {1, 0}), 0.3)
                    .toFloatArray();
            assertThat(weights).containsExactly(0, 0.3f);
        }
    }

    @Test
    void parametersAreChecked() {
        assertThatThrownBy(() -> new Remix(1, 3, 0.5, new int[] {5, 0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[5, 0]");
        assertThatThrownBy(() -> new Remix(1, 0.5, 0.5, COUNTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kappa");
        assertThatThrownBy(() -> new Remix(1, 3, 1.5, COUNTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tau");
        assertThatThrownBy(() -> new Remix(0, 3, 0.5, COUNTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha");
    }
}
