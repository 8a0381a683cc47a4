package dev.tailbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The validation images are held out of the training pool before the long-tailed subset is drawn
 * from what remains: balanced, seeded, disjoint from the training subset.
 */
class ValidationSplitTest {

    // 100 images per class, classes interleaved, as in a shuffled official training set.
    private final ImageSet pool = TestImages.cycling(1000, 1, 4, 4, 10, 11);

    @Test
    void holdsOutTheSameNumberOfEveryClass() {
        ValidationSplit split = ValidationSplit.draw(pool, 7, 0);
        assertThat(split.validation().classCounts()).containsOnly(7);
        assertThat(split.remaining().classCounts()).containsOnly(93);
        assertThat(split.validationIndices()).hasSize(70).isSorted().doesNotHaveDuplicates();
        assertThat(split.remainingIndices()).hasSize(930).isSorted().doesNotHaveDuplicates();
        // the images are the pool's at those indices
        assertThat(split.validation().pixels()).isEqualTo(pool.subset(split.validationIndices()).pixels());
        assertThat(split.remaining().labels()).isEqualTo(pool.subset(split.remainingIndices()).labels());
    }

    @Test
    void noValidationImageIsInTheLongTailedSubsetDrawnFromTheRest() {
        ValidationSplit split = ValidationSplit.draw(pool, 10, 3);
        LongTailSplit subset = LongTailSubset.draw(split.remaining(), LongTailProfile.exponential(10), 3);
        int[] training = split.poolIndicesOfRemaining(subset.indices());
        Set<Integer> held = new HashSet<>();
        Arrays.stream(split.validationIndices()).forEach(held::add);
        assertThat(Arrays.stream(training).filter(held::contains)).isEmpty();
        // the head class keeps what the hold-out leaves: 90 of 100
        assertThat(subset.counts()[0]).isEqualTo(90);
        assertThat(pool.subset(training).labels()).isEqualTo(subset.train().labels());
        assertThat(pool.subset(training).pixels()).isEqualTo(subset.train().pixels());
    }

    @Test
    void theSeedDecidesAndTheHoldOutIsNotTheSubsetsStream() {
        ValidationSplit a = ValidationSplit.draw(pool, 5, 2026);
        assertThat(ValidationSplit.draw(pool, 5, 2026).validationIndices()).isEqualTo(a.validationIndices());
        assertThat(ValidationSplit.draw(pool, 5, 2027).validationIndices()).isNotEqualTo(a.validationIndices());
    }

    @Test
    void aClassLeftWithNothingToTrainOnIsRefusedByName() {
        assertThatThrownBy(() -> ValidationSplit.draw(pool, 100, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class 0").hasMessageContaining("has 100 images").hasMessageContaining("validationPerClass");
        assertThatThrownBy(() -> ValidationSplit.draw(pool, 0, 0)).hasMessageContaining("at least 1");
    }

    @Test
    void defaultIsAThousandImagesOrTwentyPerClass() {
        assertThat(ValidationSplit.defaultPerClass(10)).isEqualTo(100);
        assertThat(ValidationSplit.defaultPerClass(100)).isEqualTo(20);
        assertThat(ValidationSplit.defaultPerClass(1000)).isEqualTo(20);
        assertThat(ValidationSplit.defaultPerClass(8)).isEqualTo(125);
    }
}
