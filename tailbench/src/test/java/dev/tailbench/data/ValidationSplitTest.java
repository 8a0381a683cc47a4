package dev.tailbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

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
    void theDefaultHoldOutIsSizedByClassesAndCappedByTheSmallestClass() {
        assertThat(ValidationSplit.defaultPerClass(10)).isEqualTo(100);
        assertThat(ValidationSplit.defaultPerClass(100)).isEqualTo(20);
        assertThat(ValidationSplit.defaultPerClass(1000)).isEqualTo(20);
        assertThat(ValidationSplit.defaultPerClass(7)).isEqualTo(143);
        // 100 a class: a tenth, 10, is below the 100 that 10 classes would take
        assertThat(ValidationSplit.defaultPerClass(pool)).isEqualTo(10);
        // 6,000 a class (Fashion-MNIST's pool): the class-count rule, 100
        assertThat(ValidationSplit.defaultPerClass(TestImages.cycling(60_000, 1, 1, 1, 10, 1))).isEqualTo(100);
        // the smallest class decides; a class of fewer than 10 images still gives one
        ImageSet longTailed = classThreeFromTheFirst(100);
        assertThat(longTailed.classCounts()[3]).isEqualTo(10);
        assertThat(ValidationSplit.defaultPerClass(longTailed)).isEqualTo(1);
        ImageSet tiny = classThreeFromTheFirst(30);
        assertThat(tiny.classCounts()[3]).isEqualTo(3);
        assertThat(ValidationSplit.defaultPerClass(tiny)).isEqualTo(1);
    }

    /** The pool with class 3 cut to its images among the first {@code images} (one in ten of them). */
    private ImageSet classThreeFromTheFirst(int images) {
        return pool.subset(IntStream.range(0, pool.size()).filter(i -> pool.labels()[i] != 3 || i < images).toArray());
    }

    @Test
    void aPoolThatIsLongTailedAlreadyShrinksItsHeadUntilTheTailFitsAfterTheHoldOut() {
        LongTailProfile profile = LongTailProfile.exponential(10);
        // a balanced pool keeps what remains of class 0 as its head
        assertThat(LongTailSubset.largestHeadCount(ValidationSplit.draw(pool, 10, 0).remaining(), profile))
                .isEqualTo(90);
        // a pool drawn to the profile exactly (100, 77, 59, 46, 35, 27, 21, 16, 12, 10) fits at its own head
        ImageSet longTailed = LongTailSubset.draw(pool, profile, 5).train();
        assertThat(LongTailSubset.largestHeadCount(longTailed, profile)).isEqualTo(100);
        // one image of every class held out: the head shrinks to 92 (92, 71, 55, 42, 33, 25, 19, 15,
        // 11, 9), the largest whose every class fits in what remains (computed by hand in Python)
        ValidationSplit held = ValidationSplit.draw(longTailed, 1, 5);
        int head = LongTailSubset.largestHeadCount(held.remaining(), profile);
        int[] counts = profile.counts(head, 10);
        int[] available = held.remaining().classCounts();
        for (int c = 0; c < 10; c++) {
            assertThat(counts[c]).as("class %d", c).isLessThanOrEqualTo(available[c]);
        }
        assertThat(profile.counts(head + 1, 10)).as("one more at the head no longer fits")
                .satisfies(more -> assertThat(IntStream.range(0, 10).anyMatch(c -> more[c] > available[c])).isTrue());
        assertThat(head).isEqualTo(92);
        assertThat(LongTailSubset.draw(held.remaining(), profile, 5, head).counts()).isEqualTo(counts);
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
