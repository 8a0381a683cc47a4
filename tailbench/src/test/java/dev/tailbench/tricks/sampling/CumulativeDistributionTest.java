package dev.tailbench.tricks.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class CumulativeDistributionTest {

    @Test
    void drawsInProportionToUnnormalisedWeightsAndSkipsZeros() {
        CumulativeDistribution distribution = new CumulativeDistribution(new double[] {0, 1, 0, 3, 0});
        SplittableRandom random = new SplittableRandom(1);
        long[] drawn = new long[5];
        for (int i = 0; i < 100_000; i++) {
            drawn[distribution.draw(random)]++;
        }
        assertThat(Draws.largestZ(drawn, new double[] {0, 0.25, 0, 0.75, 0})).isLessThan(Draws.SIGMAS);
    }

    @Test
    void theEdgesOfTheUnitIntervalLandOnClassesWithWeight() {
        CumulativeDistribution distribution = new CumulativeDistribution(new double[] {0, 1, 1, 0});
        assertThat(distribution.draw(constant(0.0))).isEqualTo(1);
        assertThat(distribution.draw(constant(Math.nextDown(1.0)))).isEqualTo(2);
        assertThat(distribution.draw(constant(0.5))).isEqualTo(2);
        assertThat(distribution.draw(constant(Math.nextDown(0.5)))).isEqualTo(1);
    }

    @Test
    void invalidWeightsAreRejected() {
        assertThatThrownBy(() -> new CumulativeDistribution(new double[] {0, 0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CumulativeDistribution(new double[] {1, -1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CumulativeDistribution(new double[] {1, Double.NaN})).isInstanceOf(IllegalArgumentException.class);
    }

    private static RandomGenerator constant(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
