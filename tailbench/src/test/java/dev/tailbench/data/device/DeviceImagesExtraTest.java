package dev.tailbench.data.device;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** {@link DeviceImages#raw} and {@link DeviceImages#withExtra}. */
class DeviceImagesExtraTest {

    private static final double[] MEAN = {0.5};
    private static final double[] STD = {0.2};

    /** Three 1 x 2 x 2 images; image i holds 100 i + 10 p + 5 at pixel p (up to 240, above 127). */
    private static byte[] pixels(int n, int offset) {
        byte[] p = new byte[n * 4];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (100 * (i / 4) + 10 * (i % 4) + 5 + offset);
        }
        return p;
    }

    @Test
    void rawGathersUnnormalisedBytes() {
        try (NDManager m = NDManager.newBaseManager();
                DeviceImages data = DeviceImages.of(m, pixels(3, 0), new int[] {0, 1, 2}, 1, 2, 2, MEAN, STD);
                NDManager scope = m.newSubManager()) {
            NDArray raw = data.raw(new int[] {2, 0}, scope);
            assertThat(raw.getDataType()).isEqualTo(DataType.UINT8);
            assertThat(raw.getShape()).isEqualTo(new Shape(2, 1, 2, 2));
            assertThat(raw.toByteArray()).containsExactly((byte) 205, (byte) 215, (byte) 225, (byte) 235, 5, 15, 25, 35);
        }
    }

    @Test
    void withExtraAppendsImagesAndLabelsAndLeavesTheOriginalValid() {
        try (NDManager m = NDManager.newBaseManager();
                DeviceImages data = DeviceImages.of(m, pixels(3, 0), new int[] {4, 5, 6}, 1, 2, 2, MEAN, STD)) {
            DeviceImages enlarged;
            try (NDManager extraScope = m.newSubManager()) {
                NDArray extra = extraScope.create(ByteBuffer.wrap(pixels(2, 3)), new Shape(2, 1, 2, 2), DataType.UINT8);
                enlarged = data.withExtra(extra, new int[] {9, 8});
            }
            try (enlarged; NDManager scope = m.newSubManager()) {
                assertThat(enlarged.size()).isEqualTo(5);
                NDList batch = enlarged.batch(new int[] {4, 1, 3}, scope);
                assertThat(batch.get(1).toLongArray()).containsExactly(8L, 5L, 9L);
                // image 4 is extra image 1: pixel 0 = 100 + 5 + 3 = 108 -> (108 / 255 - 0.5) / 0.2
                assertThat(batch.get(0).getFloat(0, 0, 0, 0)).isCloseTo((float) ((108 / 255.0 - 0.5) / 0.2), Offset.offset(1e-5f));
                assertThat(enlarged.raw(new int[] {1}, scope).toByteArray()).containsExactly(105, 115, 125, (byte) 135);
                // the original still works after the extra scope closed
                assertThat(data.size()).isEqualTo(3);
                assertThat(data.batch(new int[] {2}, scope).get(1).toLongArray()).containsExactly(6L);
            }
            // and after the enlarged set closed
            try (NDManager scope = m.newSubManager()) {
                assertThat(data.raw(new int[] {0}, scope).toByteArray()).containsExactly(5, 15, 25, 35);
            }
        }
    }
}
