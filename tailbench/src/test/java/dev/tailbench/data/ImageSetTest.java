package dev.tailbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSetTest {

    @Test
    void exposesShapeCountsAndTheSharedPixelArray() {
        byte[] pixels = new byte[4 * 2 * 3 * 5];
        ImageSet set = ImageSet.of(pixels, new int[] {0, 2, 2, 1}, 2, 3, 5, List.of("a", "b", "c"));

        assertThat(set.size()).isEqualTo(4);
        assertThat(set.channels()).isEqualTo(2);
        assertThat(set.height()).isEqualTo(3);
        assertThat(set.width()).isEqualTo(5);
        assertThat(set.imageSize()).isEqualTo(30);
        assertThat(set.classCount()).isEqualTo(3);
        assertThat(set.classNames()).containsExactly("a", "b", "c");
        assertThat(set.classCounts()).containsExactly(1, 1, 2);
        assertThat(set.pixels()).isSameAs(pixels);
    }

    @Test
    void labelsAreCopiedInAndOut() {
        int[] labels = {0, 1};
        ImageSet set = ImageSet.of(new byte[2], labels, 1, 1, 1, List.of("a", "b"));
        labels[0] = 1;
        set.labels()[1] = 0;
        assertThat(set.labels()).containsExactly(0, 1);
    }

    @Test
    void rejectsWrongPixelCount() {
        assertThatThrownBy(() -> ImageSet.of(new byte[7], new int[2], 1, 2, 2, List.of("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7 bytes")
                .hasMessageContaining("2 images of 1x2x2 need 8");
    }

    @Test
    void rejectsLabelOutOfRange() {
        assertThatThrownBy(() -> ImageSet.of(new byte[3], new int[] {0, 1, 2}, 1, 1, 1,
                List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 2 at index 2 out of range [0, 2)");
        assertThatThrownBy(() -> ImageSet.of(new byte[1], new int[] {-1}, 1, 1, 1, List.of("a")))
                .hasMessageContaining("label -1 at index 0");
    }

    @Test
    void subsetCopiesTheChosenImagesInOrder() {
        ImageSet set = TestImages.cycling(5, 3, 2, 2, 5, 1);
        ImageSet sub = set.subset(new int[] {4, 1, 4});

        assertThat(sub.size()).isEqualTo(3);
        assertThat(sub.labels()).containsExactly(4, 1, 4);
        assertThat(sub.pixels()).isNotSameAs(set.pixels());
        for (int i = 0; i < 12; i++) {
            assertThat(sub.pixels()[i]).isEqualTo(set.pixels()[4 * 12 + i]);
            assertThat(sub.pixels()[12 + i]).isEqualTo(set.pixels()[12 + i]);
        }
        assertThat(sub.classNames()).isEqualTo(set.classNames());
        assertThatThrownBy(() -> set.subset(new int[] {5}))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
