package dev.tailbench.tricks.cam;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A bright square on a gradient background, its foreground found from a class activation map
 * peaked on it, then moved by each kind of transform.
 */
class ForegroundTransformTest {

    private static final int C = 3;
    private static final int H = 16;
    private static final int W = 16;
    /** The object: rows and columns 4..7, the feature cell (1, 1) of a 4 x 4 map. */
    private static final int TOP = 4;
    private static final int SIDE = 4;
    private static final int[] OBJECT = {250, 245, 240};

    private static boolean inObject(int y, int x) {
        return y >= TOP && y < TOP + SIDE && x >= TOP && x < TOP + SIDE;
    }

    /** Background values stay below 200, so they never match the object's colour. */
    private static int original(int c, int y, int x) {
        return inObject(y, x) ? OBJECT[c] : (9 * x + 5 * y + 20 * c) % 200;
    }

    private static byte[] image() {
        byte[] pixels = new byte[C * H * W];
        for (int c = 0; c < C; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    pixels[(c * H + y) * W + x] = (byte) original(c, y, x);
                }
            }
        }
        return pixels;
    }

    private static int[] unsigned(NDArray uint8) {
        byte[] bytes = uint8.toByteArray();
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xff;
        }
        return values;
    }

    private static int at(int[] img, int c, int y, int x) {
        return img[(c * H + y) * W + x];
    }

    /** The mask the pipeline finds for a map that is 3 + 5 on the object's feature cell and 3 elsewhere. */
    private static boolean[] objectMask(NDManager m) {
        float[] low = new float[16];
        Arrays.fill(low, 3f);
        low[1 * 4 + 1] = 8f;
        NDArray cam = m.create(low, new Shape(1, 4, 4));
        NDArray resized = BilinearResize.resize(ClassActivationMaps.minMaxNormalise(cam), H, W);
        return ForegroundMasks.threshold(resized, 0.75)[0];
    }

    private static NDArray transform(NDManager m, boolean[] mask, SourceMap map, ForegroundTransform.Uncovered uncovered) {
        NDArray images = m.create(ByteBuffer.wrap(image()), new Shape(1, C, H, W), DataType.UINT8);
        NDArray out = ForegroundTransform.apply(images, new boolean[][] {mask}, new SourceMap[] {map}, uncovered);
        assertThat(out.getShape()).isEqualTo(new Shape(1, C, H, W));
        assertThat(out.getDataType()).isEqualTo(DataType.UINT8);
        return out;
    }

    /** Drawn transforms of each kind, from the first seeds that give them. */
    private static Map<TransformKind, RandomTransform> oneOfEachKind(ForegroundBox box) {
        Map<TransformKind, RandomTransform> found = new EnumMap<>(TransformKind.class);
        for (int seed = 0; found.size() < 3; seed++) {
            RandomTransform t = RandomTransform.forForeground(new SplittableRandom(seed), box, H, W);
            // a translation that does not move is useless for this test
            if (t.kind() != TransformKind.TRANSLATE || (t.shiftX() != 0 && t.shiftY() != 0)) {
                found.putIfAbsent(t.kind(), t);
            }
        }
        return found;
    }

    /** Where output pixel (x, y) reads from, inverted independently from OpenCV's forward matrix. */
    private static int[] rotationSource(RandomTransform t, int x, int y) {
        double a = t.scale() * Math.cos(Math.toRadians(t.degrees()));
        double b = t.scale() * Math.sin(Math.toRadians(t.degrees()));
        // getRotationMatrix2D: M = [[a, b, (1-a)cx - b cy], [-b, a, b cx + (1-a) cy]]
        double m02 = (1 - a) * t.centreX() - b * t.centreY();
        double m12 = b * t.centreX() + (1 - a) * t.centreY();
        double det = a * a + b * b;
        double dx = x - m02;
        double dy = y - m12;
        // inverse of [[a, b], [-b, a]] is [[a, -b], [b, a]] / det
        double sx = (a * dx - b * dy) / det;
        double sy = (b * dx + a * dy) / det;
        return new int[] {(int) Math.floor(sx + 0.5), (int) Math.floor(sy + 0.5)};
    }

    @Test
    void maskCoversTheObjectAndNotTheCorners() {
        try (NDManager m = NDManager.newBaseManager()) {
            boolean[] mask = objectMask(m);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    if (inObject(y, x)) {
                        assertThat(mask[y * W + x]).as("object pixel (%d, %d)", y, x).isTrue();
                    }
                }
            }
            // the bilinear map is 0 from row/column 10 on, below the threshold
            assertThat(mask[15 * W + 15]).isFalse();
            assertThat(mask[0]).isFalse();
            assertThat(mask[12 * W + 3]).isFalse();
            ForegroundBox box = ForegroundBox.of(mask, H, W);
            assertThat(box.top()).isLessThanOrEqualTo(TOP);
            assertThat(box.bottom()).isBetween(TOP + SIDE - 1, 9);
        }
    }

    @Test
    void eachKindMovesTheObjectAndKeepsTheBackground() {
        try (NDManager m = NDManager.newBaseManager()) {
            boolean[] mask = objectMask(m);
            ForegroundBox box = ForegroundBox.of(mask, H, W);
            Map<TransformKind, RandomTransform> transforms = oneOfEachKind(box);
            for (RandomTransform t : transforms.values()) {
                int[] out = unsigned(transform(m, mask, t.sourceMap(W), ForegroundTransform.Uncovered.ORIGINAL));
                // transformed foreground, computed here from each kind's definition
                boolean[] moved = new boolean[H * W];
                int[][] source = new int[H * W][];
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        int[] s = switch (t.kind()) {
                            case FLIP -> new int[] {W - 1 - x, y};
                            case TRANSLATE -> new int[] {x - t.shiftX(), y - t.shiftY()};
                            case ROTATE_SCALE -> rotationSource(t, x, y);
                        };
                        boolean inside = s[0] >= 0 && s[0] < W && s[1] >= 0 && s[1] < H;
                        source[y * W + x] = inside ? s : null;
                        moved[y * W + x] = inside && mask[s[1] * W + s[0]];
                    }
                }
                int changed = 0;
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        int p = y * W + x;
                        for (int c = 0; c < C; c++) {
                            int got = at(out, c, y, x);
                            if (!mask[p] && !moved[p]) {
                                assertThat(got).as("%s: background (%d, %d, %d) unchanged", t.kind(), c, y, x)
                                        .isEqualTo(original(c, y, x));
                            }
                            else if (source[p] != null) {
                                assertThat(got).as("%s: (%d, %d, %d) reads its source", t.kind(), c, y, x)
                                        .isEqualTo(original(c, source[p][1], source[p][0]));
                            }
                            changed += got != original(c, y, x) ? 1 : 0;
                        }
                    }
                }
                assertThat(changed).as("%s changes some pixels", t.kind()).isPositive();
                switch (t.kind()) {
                    case FLIP -> {
                        for (int y = TOP; y < TOP + SIDE; y++) {
                            for (int x = TOP; x < TOP + SIDE; x++) {
                                for (int c = 0; c < C; c++) {
                                    assertThat(at(out, c, y, W - 1 - x)).isEqualTo(OBJECT[c]);
                                }
                            }
                        }
                    }
                    case TRANSLATE -> {
                        // the whole mask box stays inside the image
                        assertThat(box.left() + t.shiftX()).isBetween(0, W - 1);
                        assertThat(box.right() + t.shiftX()).isBetween(0, W - 1);
                        assertThat(box.top() + t.shiftY()).isBetween(0, H - 1);
                        assertThat(box.bottom() + t.shiftY()).isBetween(0, H - 1);
                        for (int y = TOP; y < TOP + SIDE; y++) {
                            for (int x = TOP; x < TOP + SIDE; x++) {
                                for (int c = 0; c < C; c++) {
                                    assertThat(at(out, c, y + t.shiftY(), x + t.shiftX())).isEqualTo(OBJECT[c]);
                                }
                            }
                        }
                    }
                    case ROTATE_SCALE -> {
                        assertThat(t.degrees()).isBetween(-45.0, 45.0);
                        assertThat(t.scale()).isBetween(0.8, 1.2);
                        assertThat(t.centreX()).isEqualTo(box.centreX());
                        assertThat(t.centreY()).isEqualTo(box.centreY());
                        int objectPixels = 0;
                        for (int p = 0; p < H * W; p++) {
                            int[] s = source[p];
                            if (s != null && inObject(s[1], s[0])) {
                                objectPixels++;
                                for (int c = 0; c < C; c++) {
                                    assertThat(out[(c * H + p / W) * W + p % W]).isEqualTo(OBJECT[c]);
                                }
                            }
                        }
                        // about 16 scale^2 pixels of the object land somewhere
                        assertThat(objectPixels).isBetween(8, 30);
                    }
                }
            }
        }
    }

    @Test
    void rotationByNinetyDegreesTurnsTheImageCounterClockwise() {
        // OpenCV's positive angle turns the picture counter-clockwise on screen: about the centre
        // (7.5, 7.5), the top-right corner (x 15, y 0) goes to the top-left (x 0, y 0).
        SourceMap map = SourceMap.rotationAndScale(7.5, 7.5, 90, 1);
        assertThat(map.sourceColumn(0, 0)).isEqualTo(15);
        assertThat(map.sourceRow(0, 0)).isEqualTo(0);
        // scaling by 2 about (7.5, 7.5): output column 11 reads 7.5 + (11 - 7.5) / 2 = 9.25, nearest 9;
        // output column 2 reads 7.5 - 5.5 / 2 = 4.75, nearest 5
        SourceMap zoom = SourceMap.rotationAndScale(7.5, 7.5, 0, 2);
        assertThat(zoom.sourceColumn(11, 7)).isEqualTo(9);
        assertThat(zoom.sourceColumn(2, 7)).isEqualTo(5);
        assertThat(zoom.sourceRow(11, 7)).isEqualTo(7); // 7.5 - 0.25 = 7.25
    }

    @Test
    void wholeImageFlipIsTheMirrorImage() {
        try (NDManager m = NDManager.newBaseManager()) {
            boolean[] all = new boolean[H * W];
            Arrays.fill(all, true);
            int[] out = unsigned(transform(m, all, SourceMap.horizontalFlip(W), ForegroundTransform.Uncovered.BLACK));
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        assertThat(at(out, c, y, x)).isEqualTo(original(c, y, W - 1 - x));
                    }
                }
            }
        }
    }

    @Test
    void wholeImageTranslationFillsTheUncoveredStripWithBlack() {
        try (NDManager m = NDManager.newBaseManager()) {
            boolean[] all = new boolean[H * W];
            Arrays.fill(all, true);
            int[] out = unsigned(transform(m, all, SourceMap.translation(3, -2), ForegroundTransform.Uncovered.BLACK));
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        boolean uncovered = x < 3 || y >= H - 2;
                        assertThat(at(out, c, y, x)).as("(%d, %d, %d)", c, y, x)
                                .isEqualTo(uncovered ? 0 : original(c, y + 2, x - 3));
                    }
                }
            }
        }
    }

    @Test
    void foregroundWhoseSourceLeavesTheImageKeepsTheOriginalPixel() {
        // Foreground: column 0 only. Shifting right by 2: pixels (y, 0) and (y, 1) read columns
        // -2 and -1, outside the image, so they keep the original; (y, 2) gets column 0.
        boolean[] mask = new boolean[H * W];
        for (int y = 0; y < H; y++) {
            mask[y * W] = true;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            int[] out = unsigned(transform(m, mask, SourceMap.translation(2, 0), ForegroundTransform.Uncovered.ORIGINAL));
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < H; y++) {
                    assertThat(at(out, c, y, 0)).isEqualTo(original(c, y, 0));
                    assertThat(at(out, c, y, 1)).isEqualTo(original(c, y, 1));
                    assertThat(at(out, c, y, 2)).isEqualTo(original(c, y, 0));
                    assertThat(at(out, c, y, 3)).isEqualTo(original(c, y, 3));
                }
            }
        }
    }

    @Test
    void resultGoesOnTheInputsManagerWithoutLeaks() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.create(ByteBuffer.wrap(image()), new Shape(1, C, H, W), DataType.UINT8);
            boolean[] all = new boolean[H * W];
            int before = m.getManagedArrays().size();
            ForegroundTransform.apply(images, new boolean[][] {all}, new SourceMap[] {SourceMap.horizontalFlip(W)},
                    ForegroundTransform.Uncovered.ORIGINAL);
            assertThat(m.getManagedArrays()).hasSize(before + 1);
        }
    }
}
