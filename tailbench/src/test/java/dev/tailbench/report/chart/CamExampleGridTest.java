package dev.tailbench.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.tailbench.tricks.cam.CamExample;
import dev.tailbench.tricks.cam.TransformKind;

class CamExampleGridTest {

    private static final int SIDE = 4;

    /** A grey image whose pixel p has value base + p, a map rising along the rows, the left half as foreground. */
    private static CamExample example(int label, int base, boolean withMap) {
        byte[] original = new byte[SIDE * SIDE];
        byte[] generated = new byte[SIDE * SIDE];
        float[] cam = new float[SIDE * SIDE];
        boolean[] mask = new boolean[SIDE * SIDE];
        for (int p = 0; p < SIDE * SIDE; p++) {
            original[p] = (byte) (base + p);
            generated[p] = (byte) (255 - base - p);
            cam[p] = (p / SIDE) / (float) (SIDE - 1);
            mask[p] = p % SIDE < SIDE / 2;
        }
        return new CamExample(label, 7, TransformKind.FLIP, 1, SIDE, SIDE, original, withMap ? cam : null, mask,
                generated);
    }

    private static int grey(int value) {
        return (value << 16) | (value << 8) | value;
    }

    @Test
    void eachRowShowsOriginalMapMaskAndGeneratedPixelForPixel() throws IOException {
        byte[] png = CamExampleGrid.png(List.of(example(0, 10, true), example(2, 100, false)),
                List.of("zero", "one", "two"), "title");
        BufferedImage grid = ImageIO.read(new ByteArrayInputStream(png));
        int scale = CamExampleGrid.scale(SIDE, SIDE);
        assertThat(scale).isEqualTo(24);
        int cell = SIDE * scale;
        assertThat(new int[] {grid.getWidth(), grid.getHeight()}).containsExactly(CamExampleGrid.size(2, SIDE, SIDE));
        for (int row = 0; row < 2; row++) {
            int base = row == 0 ? 10 : 100;
            int top = CamExampleGrid.y(row, cell);
            for (int p = 0; p < SIDE * SIDE; p++) {
                // the centre of the enlarged pixel p
                int dx = (p % SIDE) * scale + scale / 2;
                int dy = (p / SIDE) * scale + scale / 2;
                assertThat(grid.getRGB(CamExampleGrid.x(0, cell) + dx, top + dy) & 0xFFFFFF).as("original %d", p)
                        .isEqualTo(grey(base + p));
                assertThat(grid.getRGB(CamExampleGrid.x(2, cell) + dx, top + dy) & 0xFFFFFF).as("mask %d", p)
                        .isEqualTo(p % SIDE < SIDE / 2 ? 0xFFFFFF : 0);
                assertThat(grid.getRGB(CamExampleGrid.x(3, cell) + dx, top + dy) & 0xFFFFFF).as("generated %d", p)
                        .isEqualTo(grey(255 - base - p));
            }
        }
        // the map's top row (value 0) is blue over the original, its bottom row (value 1) red
        int top = CamExampleGrid.y(0, cell);
        int cold = grid.getRGB(CamExampleGrid.x(1, cell) + scale / 2, top + scale / 2);
        int hot = grid.getRGB(CamExampleGrid.x(1, cell) + scale / 2, top + cell - scale / 2);
        assertThat(cold & 0xFF).isGreaterThan((cold >> 16) & 0xFF);
        assertThat((hot >> 16) & 0xFF).isGreaterThan(hot & 0xFF);
    }

    @Test
    void heatRunsFromBlueThroughGreenToRed() {
        // channel = round(255 * clamp(1.5 - |4t - k|)), k = 3, 2, 1 for red, green, blue
        assertThat(CamExampleGrid.heat(0)).isEqualTo(0x000080);
        assertThat(CamExampleGrid.heat(0.5)).isEqualTo(0x80FF80);
        assertThat(CamExampleGrid.heat(1)).isEqualTo(0x800000);
    }

    @Test
    void noExamplesNoImage() {
        assertThat(CamExampleGrid.png(List.of(), List.of(), "t")).isNull();
    }
}
