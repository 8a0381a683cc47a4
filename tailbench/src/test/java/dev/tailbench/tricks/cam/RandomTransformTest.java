package dev.tailbench.tricks.cam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomTransformTest {

    @Test
    void drawsStayInTheirRangesAndTranslationsKeepTheBoxInside() {
        SplittableRandom random = new SplittableRandom(1);
        Map<TransformKind, Integer> kinds = new EnumMap<>(TransformKind.class);
        double minDegrees = 0;
        double maxDegrees = 0;
        for (int i = 0; i < 3000; i++) {
            int top = random.nextInt(32);
            int left = random.nextInt(32);
            ForegroundBox box = new ForegroundBox(top, top + random.nextInt(32 - top), left, left + random.nextInt(32 - left));
            RandomTransform t = RandomTransform.forForeground(random, box, 32, 32);
            kinds.merge(t.kind(), 1, Integer::sum);
            switch (t.kind()) {
                case ROTATE_SCALE -> {
                    assertThat(t.degrees()).isGreaterThanOrEqualTo(-45).isLessThan(45);
                    assertThat(t.scale()).isGreaterThanOrEqualTo(0.8).isLessThan(1.2);
                    assertThat(t.centreX()).isEqualTo((box.left() + box.right()) / 2.0);
                    assertThat(t.centreY()).isEqualTo((box.top() + box.bottom()) / 2.0);
                    minDegrees = Math.min(minDegrees, t.degrees());
                    maxDegrees = Math.max(maxDegrees, t.degrees());
                }
                case TRANSLATE -> {
                    assertThat(box.left() + t.shiftX()).isGreaterThanOrEqualTo(0);
                    assertThat(box.right() + t.shiftX()).isLessThanOrEqualTo(31);
                    assertThat(box.top() + t.shiftY()).isGreaterThanOrEqualTo(0);
                    assertThat(box.bottom() + t.shiftY()).isLessThanOrEqualTo(31);
                }
                case FLIP -> assertThat(t.sourceMap(32).sourceColumn(3, 5)).isEqualTo(28);
            }
        }
        // 3000 draws: each kind 1000 expected, standard deviation 25.8
        assertThat(kinds.values()).allSatisfy(count -> assertThat(count).isBetween(900, 1100));
        // the angles spread over the range
        assertThat(minDegrees).isLessThan(-40);
        assertThat(maxDegrees).isGreaterThan(40);
    }

    @Test
    void wholeImageShiftsUpToAQuarterAboutTheCentre() {
        SplittableRandom random = new SplittableRandom(2);
        int minShift = 0;
        int maxShift = 0;
        for (int i = 0; i < 600; i++) {
            RandomTransform t = RandomTransform.forWholeImage(random, 32, 32);
            assertThat(t.centreX()).isEqualTo(15.5);
            assertThat(t.centreY()).isEqualTo(15.5);
            if (t.kind() == TransformKind.TRANSLATE) {
                assertThat(t.shiftX()).isBetween(-8, 8);
                assertThat(t.shiftY()).isBetween(-8, 8);
                minShift = Math.min(minShift, Math.min(t.shiftX(), t.shiftY()));
                maxShift = Math.max(maxShift, Math.max(t.shiftX(), t.shiftY()));
            }
        }
        assertThat(minShift).isEqualTo(-8);
        assertThat(maxShift).isEqualTo(8);
    }

    @Test
    void sameSeedSameDraws() {
        ForegroundBox box = new ForegroundBox(3, 9, 4, 20);
        SplittableRandom a = new SplittableRandom(77);
        SplittableRandom b = new SplittableRandom(77);
        for (int i = 0; i < 50; i++) {
            assertThat(RandomTransform.forForeground(a, box, 32, 32)).isEqualTo(RandomTransform.forForeground(b, box, 32, 32));
        }
    }

    @Test
    void boxOfAMask() {
        // 3 x 4 mask with foreground at (0, 2) and (2, 1)
        boolean[] mask = {false, false, true, false, false, false, false, false, false, true, false, false};
        assertThat(ForegroundBox.of(mask, 3, 4)).isEqualTo(new ForegroundBox(0, 2, 1, 2));
        assertThat(ForegroundBox.of(mask, 3, 4).centreX()).isEqualTo(1.5);
    }
}
