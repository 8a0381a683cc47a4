package dev.tailbench.report.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import javax.imageio.ImageIO;

import dev.tailbench.tricks.cam.CamExample;

/**
 * The grid of CAM-based sampling (or ImageTrans) examples: one row per example, columns original,
 * class activation map over the original, foreground mask, generated image. Not a chart, so it is
 * composed from the pixels directly; each image is enlarged by whole pixels (nearest neighbour) so
 * that 28- or 32-pixel images stay readable and no pixel is invented.
 */
public final class CamExampleGrid {

    /** Column titles, in order. */
    public static final List<String> COLUMNS = List.of("original", "CAM", "foreground",
            "generated");

    /** Smallest side of a cell in pixels; images are enlarged by the smallest whole factor that reaches it. */
    static final int MIN_CELL = 96;
    static final int LABEL_WIDTH = 230;
    static final int HEADER = 28;
    static final int GAP = 6;

    /** How much of the colour map is laid over the original in the map column. */
    private static final double OVERLAY = 0.55;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private CamExampleGrid() {}

    /**
     * Size of the grid of {@code rows} examples of {@code height} x {@code width} images.
     *
     * @return {width, height} in pixels
     */
    public static int[] size(int rows, int height, int width) {
        int scale = scale(height, width);
        return new int[] {LABEL_WIDTH + COLUMNS.size() * (width * scale + GAP) + GAP,
            2 * HEADER + rows * (height * scale + GAP) + GAP};
    }

    /** Whole-pixel enlargement for images of this size. */
    public static int scale(int height, int width) {
        return Math.max(1, (MIN_CELL + Math.max(height, width) - 1) / Math.max(height, width));
    }

    /**
     * Draws the grid as PNG.
     *
     * @param examples   the examples, all of one image shape
     * @param classNames class names by label; a label without a name shows as its number
     * @param title      written above the grid, e.g. the run's label and sampler
     * @return PNG bytes, or {@code null} when there are no examples
     */
    public static byte[] png(List<CamExample> examples, List<String> classNames, String title) {
        if (examples == null || examples.isEmpty()) {
            return null;
        }
        CamExample first = examples.get(0);
        int scale = scale(first.height(), first.width());
        int cellWidth = first.width() * scale;
        int cellHeight = first.height() * scale;
        int[] size = size(examples.size(), first.height(), first.width());
        int width = size[0];
        int height = size[1];
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, GAP, HEADER - 8);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (int column = 0; column < COLUMNS.size(); column++) {
                g.drawString(COLUMNS.get(column), x(column, cellWidth), 2 * HEADER - 8);
            }
            for (int row = 0; row < examples.size(); row++) {
                CamExample example = examples.get(row);
                if (example.height() != first.height() || example.width() != first.width()
                        || example.channels() != first.channels()) {
                    throw new IllegalArgumentException("examples of different shapes");
                }
                int top = y(row, cellHeight);
                g.setColor(Color.BLACK);
                String name = example.label() < classNames.size() ? classNames.get(example.label())
                        : String.valueOf(example.label());
                g.drawString("class " + example.label() + ": " + name, GAP, top + 18);
                g.drawString("image " + example.source() + ", " + example.kind().label(), GAP, top + 38);
                draw(grid, original(example), x(0, cellWidth), top, scale, example);
                if (example.cam() == null) {
                    g.drawString("no map (ImageTrans)", x(1, cellWidth) + 4, top + cellHeight / 2);
                }
                else {
                    draw(grid, overlay(example), x(1, cellWidth), top, scale, example);
                }
                draw(grid, mask(example), x(2, cellWidth), top, scale, example);
                draw(grid, generated(example), x(3, cellWidth), top, scale, example);
            }
        }
        finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(grid, "png", bytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Left edge of a column's cells. */
    static int x(int column, int cellWidth) {
        return LABEL_WIDTH + GAP + column * (cellWidth + GAP);
    }

    /** Top edge of a row's cells. */
    static int y(int row, int cellHeight) {
        return 2 * HEADER + GAP + row * (cellHeight + GAP);
    }

    static int[] original(CamExample example) {
        return rgb(example.original(), example);
    }

    static int[] generated(CamExample example) {
        return rgb(example.generated(), example);
    }

    /** White foreground, black background. */
    static int[] mask(CamExample example) {
        int[] out = new int[example.mask().length];
        for (int p = 0; p < out.length; p++) {
            out[p] = example.mask()[p] ? 0xFFFFFF : 0x000000;
        }
        return out;
    }

    /** The map in a blue-to-red colour scale laid over the original. */
    static int[] overlay(CamExample example) {
        int[] base = original(example);
        int[] out = new int[base.length];
        for (int p = 0; p < out.length; p++) {
            int heat = heat(example.cam()[p]);
            out[p] = blend(base[p], heat, OVERLAY);
        }
        return out;
    }

    /** A jet-like colour for v in [0, 1]: blue, cyan, yellow, red. */
    static int heat(double v) {
        double t = Math.max(0, Math.min(1, v));
        int r = channel(1.5 - Math.abs(4 * t - 3));
        int g = channel(1.5 - Math.abs(4 * t - 2));
        int b = channel(1.5 - Math.abs(4 * t - 1));
        return (r << 16) | (g << 8) | b;
    }

    private static int channel(double value) {
        return (int) Math.round(255 * Math.max(0, Math.min(1, value)));
    }

    private static int blend(int under, int over, double alpha) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (under >> shift) & 0xFF;
            int b = (over >> shift) & 0xFF;
            out |= ((int) Math.round(a * (1 - alpha) + b * alpha)) << shift;
        }
        return out;
    }

    /** Channel-major uint8 to packed RGB: one channel is grey, three are red, green, blue. */
    private static int[] rgb(byte[] pixels, CamExample example) {
        int count = example.height() * example.width();
        int[] out = new int[count];
        for (int p = 0; p < count; p++) {
            int r = pixels[p] & 0xFF;
            int g = example.channels() >= 3 ? pixels[count + p] & 0xFF : r;
            int b = example.channels() >= 3 ? pixels[2 * count + p] & 0xFF : r;
            out[p] = (r << 16) | (g << 8) | b;
        }
        return out;
    }

    private static void draw(BufferedImage grid, int[] rgb, int left, int top, int scale, CamExample example) {
        for (int y = 0; y < example.height(); y++) {
            for (int x = 0; x < example.width(); x++) {
                int colour = rgb[y * example.width() + x];
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        grid.setRGB(left + x * scale + dx, top + y * scale + dy, colour);
                    }
                }
            }
        }
    }
}
