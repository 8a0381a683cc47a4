package dev.tailbench.tricks.loss;

import static dev.tailbench.tricks.loss.LossCheck.COUNTS;
import static dev.tailbench.tricks.loss.LossCheck.LABELS;
import static dev.tailbench.tricks.loss.LossCheck.LOGITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tailbench.api.Losses;
import dev.tailbench.tricks.Tricks;

import org.junit.jupiter.api.Test;

class ClassDependentTemperatureLossTest {

    /** a_c = (100 / n_c)^0.2: 1, 10^0.2 = 1.584893, 100^0.2 = 2.511886. */
    private static final double[] TEMPERATURES = {1.0, 1.5848931924611136, 2.51188643150958};

    private static double cdt(double[][] z, int[] labels) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double[] scaled = new double[z[i].length];
            for (int c = 0; c < scaled.length; c++) {
                scaled[c] = z[i][c] / TEMPERATURES[c];
            }
            sum += LossCheck.crossEntropy(scaled, labels[i]);
        }
        return sum / z.length;
    }

    @Test
    void temperaturesByHand() {
        ClassDependentTemperatureLoss loss = (ClassDependentTemperatureLoss) Tricks.loss(Losses.cdt(), COUNTS);
        assertThat(loss.temperatures()).containsExactly(TEMPERATURES, within(1e-12));
    }

    @Test
    void valueAndGradient() {
        LossCheck.Outcome outcome = LossCheck.run(Tricks.loss(Losses.cdt(), COUNTS), LOGITS, LABELS);
        LossCheck.assertValue(outcome.value(), cdt(LOGITS, LABELS));
        LossCheck.assertValue(LossCheck.mean(outcome.perSample()), outcome.value());
        LossCheck.assertGradient(outcome.gradient(), LossCheck.centralDifference(z -> cdt(z, LABELS), LOGITS));
    }

    @Test
    void gammaZeroIsCrossEntropy() {
        LossCheck.Outcome outcome = LossCheck.run(ClassDependentTemperatureLoss.fromCounts(COUNTS, 0), LOGITS, LABELS);
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += LossCheck.crossEntropy(LOGITS[i], LABELS[i]);
        }
        LossCheck.assertValue(outcome.value(), sum / 4);
    }

    @Test
    void refusesAClassWithoutImages() {
        assertThatThrownBy(() -> Tricks.loss(Losses.cdt(), new int[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cdt").hasMessageContaining("class 0");
    }
}
