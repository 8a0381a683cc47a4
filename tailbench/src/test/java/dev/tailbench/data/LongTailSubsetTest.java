package dev.tailbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LongTailSubsetTest {

    // 100 images per class, classes interleaved, as in a shuffled official training set.
    private final ImageSet pool = TestImages.cycling(1000, 1, 4, 4, 10, 11);

    @Test
    void drawnClassCountsEqualTheProfile() {
        LongTailProfile profile = LongTailProfile.exponential(10);
        LongTailSplit split = LongTailSubset.draw(pool, profile, 42);

        int[] expected = profile.counts(100, 10);
        assertThat(split.counts()).isEqualTo(expected);
        assertThat(split.train().classCounts()).isEqualTo(expected);
        assertThat(split.indices()).hasSize(split.train().size()).isSorted().doesNotHaveDuplicates();
        assertThat(split.seed()).isEqualTo(42);
        assertThat(split.profile()).isEqualTo("exponential");
        assertThat(split.imbalance()).isEqualTo(10);
    }

    @Test
    void trainHoldsThePoolImagesAtTheIndices() {
        LongTailSplit split = LongTailSubset.draw(pool, LongTailProfile.step(4), 1);
        int[] indices = split.indices();
        ImageSet expected = pool.subset(indices);
        assertThat(split.train().pixels()).isEqualTo(expected.pixels());
        assertThat(split.train().labels()).isEqualTo(expected.labels());
    }

    @Test
    void sameSeedSameDrawDifferentSeedDifferentDraw() {
        LongTailProfile profile = LongTailProfile.exponential(10);
        LongTailSplit a = LongTailSubset.draw(pool, profile, 2026);
        LongTailSplit b = LongTailSubset.draw(pool, profile, 2026);
        LongTailSplit c = LongTailSubset.draw(pool, profile, 2027);

        assertThat(a.indices()).isEqualTo(b.indices());
        assertThat(a.train().pixels()).isEqualTo(b.train().pixels());
        assertThat(c.indices()).isNotEqualTo(a.indices());
        assertThat(c.train().classCounts()).isEqualTo(a.train().classCounts());
    }

    @Test
    void explicitHeadCountAndBalancedDraw() {
        LongTailSplit split = LongTailSubset.draw(pool, LongTailProfile.none(), 5, 30);
        assertThat(split.train().classCounts()).containsOnly(30);
        assertThat(split.train().size()).isEqualTo(300);
    }

    @Test
    void drawingEverythingReturnsThePool() {
        LongTailSplit split = LongTailSubset.draw(pool, LongTailProfile.none(), 5);
        assertThat(split.train().pixels()).isEqualTo(pool.pixels());
    }

    @Test
    void poolIsNotModified() {
        byte[] before = pool.pixels().clone();
        int[] labels = pool.labels();
        LongTailSubset.draw(pool, LongTailProfile.exponential(100), 3);
        assertThat(pool.pixels()).isEqualTo(before);
        assertThat(pool.labels()).isEqualTo(labels);
    }

    @Test
    void tooFewImagesNamesClassAndNumbers() {
        assertThatThrownBy(() -> LongTailSubset.draw(pool, LongTailProfile.step(2), 1, 101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class 0 (class-0) has 100 images in the pool")
                .hasMessageContaining("asks for 101");
    }
}
