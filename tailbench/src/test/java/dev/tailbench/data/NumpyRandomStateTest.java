package dev.tailbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * Expected values were printed by numpy 1.24 (Debian python3-numpy), e.g.
 * {@code np.random.RandomState(0).randint(0, 2**32, size=5, dtype=np.uint32)} for the raw stream
 * (numpy returns raw 32-bit outputs for that full range) and
 * {@code a = np.arange(10); np.random.seed(0); np.random.shuffle(a)} for shuffles.
 */
class NumpyRandomStateTest {

    @Test
    void rawStreamOfSeedZeroIsNumpys() {
        NumpyRandomState random = new NumpyRandomState(0);
        long[] drawn = new long[5];
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = random.nextUint32();
        }
        assertThat(drawn).containsExactly(2357136044L, 2546248239L, 3071714933L, 3626093760L, 2588848963L);
    }

    @Test
    void shufflesAsNumpyDoes() {
        assertThat(shuffled(10, 0)).containsExactly(2, 8, 4, 9, 1, 6, 7, 3, 0, 5);
        assertThat(shuffled(10, 42)).containsExactly(8, 1, 5, 0, 7, 2, 9, 4, 3, 6);
        // 5,000 elements: several regenerations of the 624-word state and masks up to 2^13 - 1.
        int[] large = shuffled(5000, 0);
        assertThat(Arrays.copyOf(large, 10)).containsExactly(398, 3833, 4836, 4572, 636, 2545, 1161, 2230, 148, 2530);
        assertThat(Arrays.copyOfRange(large, 4997, 5000)).containsExactly(1653, 2607, 2732);
    }

    @Test
    void intervalStaysInRange() {
        NumpyRandomState random = new NumpyRandomState(7);
        for (int i = 0; i < 10_000; i++) {
            assertThat(random.nextInterval(5)).isBetween(0L, 5L);
        }
        assertThat(random.nextInterval(0)).isZero();
    }

    @Test
    void rejectsSeedsNumpyRejects() {
        assertThatThrownBy(() -> new NumpyRandomState(-1)).hasMessageContaining("[0, 2^32 - 1]");
        assertThatThrownBy(() -> new NumpyRandomState(1L << 32)).hasMessageContaining("got 4294967296");
    }

    private static int[] shuffled(int n, long seed) {
        int[] values = IntStream.range(0, n).toArray();
        new NumpyRandomState(seed).shuffle(values);
        return values;
    }
}
