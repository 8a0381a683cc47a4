package dev.tailbench.data.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class DeviceImagesTest {

    private static final int N = 5;
    private static final int C = 2;
    private static final int H = 3;
    private static final int W = 2;
    private static final double[] MEAN = {0.5, 0.25};
    private static final double[] STD = {0.2, 0.4};

    /** Pixel value as an unsigned byte; covers values above 127 to catch sign errors. */
    private static int pixel(int n, int c, int h, int w) {
        return (n * 53 + c * 31 + h * 7 + w * 3 + 100) % 256;
    }

    private static byte[] pixels() {
        byte[] p = new byte[N * C * H * W];
        int k = 0;
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                for (int h = 0; h < H; h++) {
                    for (int w = 0; w < W; w++) {
                        p[k++] = (byte) pixel(n, c, h, w);
                    }
                }
            }
        }
        return p;
    }

    @Test
    void batchIsNormalisedAndLabelled() {
        int[] labels = {7, 1, 4, 0, 9};
        try (NDManager parent = NDManager.newBaseManager();
                DeviceImages data =
                        DeviceImages.of(parent, pixels(), labels, C, H, W, MEAN, STD)) {
            assertThat(data.size()).isEqualTo(N);
            assertThat(data.imageShape()).isEqualTo(new Shape(C, H, W));
            int[] chosen = {4, 0, 4, 2};
            int before = parent.getManagedArrays().size();
            try (NDManager scope = parent.newSubManager()) {
                NDList batch = data.batch(chosen, scope);
                assertThat(batch.get(0).getShape()).isEqualTo(new Shape(4, C, H, W));
                assertThat(batch.get(0).getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(batch.get(1).getDataType()).isEqualTo(DataType.INT64);
                assertThat(batch.get(1).toLongArray()).containsExactly(9L, 7L, 9L, 4L);
                float[] x = batch.get(0).toFloatArray();
                int k = 0;
                for (int b = 0; b < chosen.length; b++) {
                    for (int c = 0; c < C; c++) {
                        for (int h = 0; h < H; h++) {
                            for (int w = 0; w < W; w++) {
                                double expected =
                                        (pixel(chosen[b], c, h, w) / 255.0 - MEAN[c]) / STD[c];
                                assertThat(x[k++]).isCloseTo((float) expected, Offset.offset(1e-5f));
                            }
                        }
                    }
                }
                assertThat(batch.get(0).getManager()).isSameAs(scope);
                assertThat(batch.get(1).getManager()).isSameAs(scope);
            }
            // everything made for the batch went with the scope
            assertThat(parent.getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void closeFreesTheDeviceArrays() {
        try (NDManager parent = NDManager.newBaseManager()) {
            DeviceImages data =
                    DeviceImages.of(parent, pixels(), new int[N], C, H, W, MEAN, STD);
            assertThat(parent.getManagedArrays()).isNotEmpty();
            data.close();
            assertThat(parent.getManagedArrays()).isEmpty();
        }
    }

    @Test
    void rejectsBadArguments() {
        try (NDManager parent = NDManager.newBaseManager()) {
            assertThatThrownBy(
                            () -> DeviceImages.of(parent, new byte[3], new int[N], C, H, W, MEAN, STD))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(
                            () ->
                                    DeviceImages.of(
                                            parent, pixels(), new int[N], C, H, W, new double[1], STD))
                    .isInstanceOf(IllegalArgumentException.class);
            try (DeviceImages data =
                            DeviceImages.of(parent, pixels(), new int[N], C, H, W, MEAN, STD);
                    NDManager scope = parent.newSubManager()) {
                assertThatThrownBy(() -> data.batch(new int[] {N}, scope))
                        .isInstanceOf(IndexOutOfBoundsException.class);
            }
        }
    }
}
