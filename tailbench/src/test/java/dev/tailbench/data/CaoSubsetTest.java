package dev.tailbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CaoSubsetTest {

    /**
     * The kept pool indices per class, printed by LDAM-DRW's {@code gen_imbalanced_data} run with
     * numpy 1.24 on the pool below ({@code labels[i] = (i + i // 10) % 10}, 500 images) at
     * {@code imb_factor = 0.1}, {@code np.random.seed(0)}.
     */
    private static final int[][] REFERENCE = {
        {282, 119, 100, 419, 28, 273, 382, 319, 228, 46, 337, 355, 264, 346, 182, 73, 146, 455, 482, 291, 155, 300,
            328, 164, 428, 200, 437, 82, 137, 255, 55, 173, 400, 491, 19, 128, 373, 246, 64, 237, 364, 219, 191, 91,
            391, 464, 37, 0, 473, 446},
        {29, 301, 238, 165, 138, 283, 92, 456, 338, 374, 465, 74, 347, 192, 438, 329, 83, 229, 292, 447, 265, 429,
            247, 65, 410, 474, 201, 101, 256, 129, 210, 38, 147, 483, 274, 183, 110, 356},
        {75, 248, 275, 484, 120, 57, 439, 220, 193, 266, 402, 466, 257, 157, 66, 384, 166, 357, 284, 84, 111, 375, 48,
            11, 411, 339, 311, 175, 202},
        {367, 121, 485, 230, 176, 394, 203, 103, 294, 185, 76, 58, 67, 94, 158, 285, 358, 3, 412, 12, 476, 494, 458},
        {40, 340, 495, 4, 486, 68, 286, 268, 131, 404, 259, 477, 422, 177, 277, 168, 95},
        {96, 441, 105, 41, 469, 214, 232, 396, 132, 487, 269, 450, 196},
        {24, 15, 215, 151, 442, 124, 488, 351, 315, 51},
        {198, 489, 143, 389, 52, 407, 216, 116},
        {462, 244, 408, 53, 444, 217},
        {181, 18, 163, 445, 136},
    };

    @Test
    void keepsTheImagesLdamKeeps() {
        ImageSet pool = pool();
        LongTailSplit split = CaoSubset.draw(pool, LongTailProfile.exponential(10), 0);

        assertThat(split.counts()).containsExactly(50, 38, 29, 23, 17, 13, 10, 8, 6, 5);
        int[] expected = Arrays.stream(REFERENCE).flatMapToInt(Arrays::stream).toArray();
        assertThat(split.indices()).containsExactly(expected);
        // The images themselves follow: image k of the subset is pool image indices[k].
        ImageSet train = split.train();
        for (int k = 0; k < expected.length; k++) {
            assertThat(train.label(k)).isEqualTo(pool.label(expected[k]));
            assertThat(Arrays.copyOfRange(train.pixels(), k * 4, k * 4 + 4))
                    .containsExactly(Arrays.copyOfRange(pool.pixels(), expected[k] * 4, expected[k] * 4 + 4));
        }
    }

    @Test
    void anotherSeedKeepsOtherImages() {
        LongTailSplit other = CaoSubset.draw(pool(), LongTailProfile.exponential(10), 1);
        assertThat(other.counts()).containsExactly(50, 38, 29, 23, 17, 13, 10, 8, 6, 5);
        assertThat(other.indices()).isNotEqualTo(Arrays.stream(REFERENCE).flatMapToInt(Arrays::stream).toArray());
    }

    @Test
    void refusesAnUnbalancedPool() {
        ImageSet unbalanced = TestImages.cycling(499, 1, 2, 2, 10, 3);
        assertThatThrownBy(() -> CaoSubset.draw(unbalanced, LongTailProfile.exponential(10), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("balanced pool")
                .hasMessageContaining("[50, 50, 50, 50, 50, 50, 50, 50, 50, 49]");
    }

    /** 500 images of 1x2x2; labels rotate within each block of ten; pixels random. */
    private static ImageSet pool() {
        int[] labels = new int[500];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (i + i / 10) % 10;
        }
        return TestImages.withLabels(labels, 1, 2, 2, 10, 11);
    }
}
