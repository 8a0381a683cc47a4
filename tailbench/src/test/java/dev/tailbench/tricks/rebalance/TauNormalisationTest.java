package dev.tailbench.tricks.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Rebalancing;
import dev.tailbench.model.CifarResNet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TauNormalisationTest {

    private static final int F = Fixtures.FEATURES;

    /**
     * Row 0 is (3, 4, 0, ...): norm 5. Row 1 is (1, 1, 1, 1, 0, ...): norm 2. Row 2 is 0.
     * Bias (0.5, -1, 2).
     */
    private static CifarResNet networkWithKnownHead(NDManager manager) {
        CifarResNet network = Fixtures.network(manager, 3, 1);
        float[] weight = new float[3 * F];
        weight[0] = 3;
        weight[1] = 4;
        for (int f = 0; f < 4; f++) {
            weight[F + f] = 1;
        }
        LinearHead head = LinearHead.of(network);
        Fixtures.overwrite(head.weightArray(), weight);
        Fixtures.overwrite(head.biasArray(), new float[] {0.5f, -1, 2});
        return network;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.5, 1})
    void rowsAreDividedByTheirNormToTheTau(double tau) {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet network = networkWithKnownHead(manager);
            new TauNormalisation(tau, TauNormalisation.Bias.KEEP).apply(network);
            LinearHead head = LinearHead.of(network);
            double[][] w = Fixtures.matrix(head.weightArray().toFloatArray(), 3, F);
            // tau 0: 5^0 = 2^0 = 1, unchanged. tau 0.5: 3/sqrt 5 = 1.341641, 4/sqrt 5 = 1.788854,
            // 1/sqrt 2 = 0.707107. tau 1: 3/5, 4/5 and 1/2.
            double row0 = Math.pow(5, tau);
            double row1 = Math.pow(2, tau);
            assertThat(w[0][0]).isCloseTo(3 / row0, within(1e-6));
            assertThat(w[0][1]).isCloseTo(4 / row0, within(1e-6));
            for (int f = 0; f < 4; f++) {
                assertThat(w[1][f]).isCloseTo(1 / row1, within(1e-6));
            }
            for (int f = 2; f < F; f++) {
                assertThat(w[0][f]).isZero();
            }
            for (int f = 4; f < F; f++) {
                assertThat(w[1][f]).isZero();
            }
            // The zero row stays zero rather than 0 / 0.
            for (int f = 0; f < F; f++) {
                assertThat(w[2][f]).isZero();
            }
            assertThat(head.biasArray().toFloatArray()).containsExactly(0.5f, -1, 2);
        }
    }

    @Test
    void tauOneGivesUnitRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet network = Fixtures.network(manager, 4, 3);
            new TauNormalisation(1, TauNormalisation.Bias.KEEP).apply(network);
            double[][] w = Fixtures.matrix(LinearHead.of(network).weightArray().toFloatArray(), 4, F);
            for (double[] row : w) {
                double squares = 0;
                for (double v : row) {
                    squares += v * v;
                }
                assertThat(Math.sqrt(squares)).isCloseTo(1, within(1e-6));
            }
        }
    }

    @Test
    void zeroBiasVariantDropsTheBias() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet network = networkWithKnownHead(manager);
            new TauNormalisation(1, TauNormalisation.Bias.ZERO).apply(network);
            LinearHead head = LinearHead.of(network);
            assertThat(head.biasArray().toFloatArray()).containsExactly(0, 0, 0);
            assertThat(head.weightArray().toFloatArray()[0]).isCloseTo(0.6f, within(1e-6f));
        }
    }

    @Test
    void specMapsToTauNormalisationKeepingTheBiasAsBagOfTricksDoes() {
        ClassifierStage stage = ClassifierStage.of(Rebalancing.tauNormalisation(0.5), 128, new int[] {5, 1});
        assertThat(stage).isInstanceOf(TauNormalisation.class);
        assertThat(((TauNormalisation) stage).tau()).isEqualTo(0.5);
        assertThat(((TauNormalisation) stage).bias()).isEqualTo(TauNormalisation.Bias.KEEP);
        assertThat(stage.epochs()).isZero();
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet network = networkWithKnownHead(manager);
            stage.run(network, Fixtures.store(manager), null, null, null, null, epoch -> {
                throw new AssertionError("tau-normalisation has no epochs");
            });
            assertThat(LinearHead.of(network).weightArray().toFloatArray()[0])
                    .isCloseTo((float) (3 / Math.sqrt(5)), within(1e-6f));
        }
    }

    @Test
    void rejectsNegativeTauAndOtherFamilies() {
        assertThatThrownBy(() -> new TauNormalisation(-0.1, TauNormalisation.Bias.KEEP))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassifierStage.of(Losses.crossEntropy(), 128, new int[] {5, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
