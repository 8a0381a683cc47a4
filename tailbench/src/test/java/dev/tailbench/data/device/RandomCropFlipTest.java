package dev.tailbench.data.device;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomCropFlipTest {

    private static final int N = 3;
    private static final int C = 2;
    private static final int H = 4;
    private static final int W = 5;
    private static final int P = 2;
    private static final double[] MEAN = {0.5, 0.2};
    private static final double[] STD = {0.25, 0.1};

    private static float[] input() {
        float[] v = new float[N * C * H * W];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.5f - 7f;
        }
        return v;
    }

    /** The crop and flip done with plain loops over the same input. */
    private static float[] expected(float[] in, int[] dy, int[] dx, boolean[] flip, float[] fill) {
        float[] out = new float[in.length];
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                for (int i = 0; i < H; i++) {
                    for (int j = 0; j < W; j++) {
                        int si = dy[n] + i - P;
                        int jj = flip[n] ? W - 1 - j : j;
                        int sj = dx[n] + jj - P;
                        boolean inside = si >= 0 && si < H && sj >= 0 && sj < W;
                        out[((n * C + c) * H + i) * W + j] =
                                inside ? in[((n * C + c) * H + si) * W + sj] : fill[c];
                    }
                }
            }
        }
        return out;
    }

    @Test
    void explicitOffsetsMatchLoops() {
        RandomCropFlip aug = new RandomCropFlip(P, true, MEAN, STD);
        float[] fill = {(float) (-0.5 / 0.25), (float) (-0.2 / 0.1)};
        assertThat(aug.fillValue(0)).isEqualTo(fill[0]);
        assertThat(aug.fillValue(1)).isEqualTo(fill[1]);
        int[] dy = {0, 4, 1};
        int[] dx = {4, 0, 2};
        boolean[] flip = {false, true, true};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] in = input();
            NDArray batch = m.create(in, new Shape(N, C, H, W));
            NDArray out = aug.apply(batch, dy, dx, flip);
            assertThat(out.getShape()).isEqualTo(new Shape(N, C, H, W));
            assertThat(out.toFloatArray()).containsExactly(expected(in, dy, dx, flip, fill));
            // sample 0 (dy 0, dx 4): top P rows are padding, i.e. raw 0 after normalisation
            for (int c = 0; c < C; c++) {
                for (int j = 0; j < W; j++) {
                    assertThat(out.getFloat(0, c, 0, j)).isEqualTo(fill[c]);
                    assertThat(out.getFloat(0, c, 1, j)).isEqualTo(fill[c]);
                }
            }
            assertThat(batch.toFloatArray()).containsExactly(in); // input untouched
        }
    }

    @Test
    void centredWithoutFlipIsIdentity() {
        RandomCropFlip aug = new RandomCropFlip(P, true, MEAN, STD);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] in = input();
            NDArray out =
                    aug.apply(
                            m.create(in, new Shape(N, C, H, W)),
                            new int[] {P, P, P},
                            new int[] {P, P, P},
                            new boolean[N]);
            // the shift by the fill value and back may round by an ulp
            float[] got = out.toFloatArray();
            for (int i = 0; i < in.length; i++) {
                assertThat(got[i]).isCloseTo(in[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void sameSeedSameAugmentationAndNoLeak() {
        RandomCropFlip aug = new RandomCropFlip(P, true, MEAN, STD);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray batch = m.create(input(), new Shape(N, C, H, W));
            int before = m.getManagedArrays().size();
            NDArray a = aug.apply(batch, new SplittableRandom(42));
            NDArray b = aug.apply(batch, new SplittableRandom(42));
            assertThat(a.toFloatArray()).containsExactly(b.toFloatArray());
            // exactly the two results were added to the batch's manager
            assertThat(m.getManagedArrays()).hasSize(before + 2);
            // and it is the loop version with the same draws
            SplittableRandom r = new SplittableRandom(42);
            int[] dy = new int[N];
            int[] dx = new int[N];
            boolean[] flip = new boolean[N];
            for (int i = 0; i < N; i++) {
                dy[i] = r.nextInt(2 * P + 1);
                dx[i] = r.nextInt(2 * P + 1);
                flip[i] = r.nextBoolean();
            }
            float[] fill = {aug.fillValue(0), aug.fillValue(1)};
            float[] exp = expected(input(), dy, dx, flip, fill);
            float[] got = a.toFloatArray();
            for (int i = 0; i < exp.length; i++) {
                assertThat(got[i]).isCloseTo(exp[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }
}
