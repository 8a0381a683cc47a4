package dev.tailbench.data.stream;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

/** Writes small ImageNet-LT-style data sets: PNG files in class folders and a list file. */
final class StreamedImages {

    private StreamedImages() {}

    /**
     * {@code count} random-noise PNGs of {@code width x height} under {@code root/train/c<label>/},
     * labels {@code i % classes}, and {@code root/list.txt} naming them in that order.
     */
    static Path write(Path root, int count, int width, int height, int classes) throws IOException {
        Random random = new Random(count * 31L + width);
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int label = i % classes;
            String relative = "train/c" + label + "/img_" + i + ".png";
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    image.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            ImageIO.write(image, "png", file.toFile());
            list.append(relative).append(' ').append(label).append('\n');
        }
        Path listFile = root.resolve("list.txt");
        Files.writeString(listFile, list);
        return listFile;
    }
}
