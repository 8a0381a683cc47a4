package dev.tailbench.data.stream;

import java.nio.file.Path;

import dev.tailbench.data.image.ColorJitter;
import dev.tailbench.data.image.PaperTransforms;
import dev.tailbench.data.list.ImageList;
import dev.tailbench.data.list.ImageListFile;

/**
 * Run in a child JVM with a small heap by {@code StreamedBatchesTest}: streams a whole data set
 * (list file, root) through the training transform at 96 pixels, batches of 16, and prints the
 * batch count and a checksum. Not a test itself (no {@code @Test}).
 */
public final class StreamedBatchesMemoryCheck {

    private StreamedBatchesMemoryCheck() {}

    public static void main(String[] args) throws Exception {
        ImageList images = ImageListFile.read(Path.of(args[0]), Path.of(args[1]));
        int[] order = new int[images.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        PaperTransforms transforms = new PaperTransforms(96, 112, PaperTransforms.IMAGENET_MEAN,
                PaperTransforms.IMAGENET_STD, new ColorJitter(0.4, 0.4, 0.4));
        double checksum = 0;
        int batches = 0;
        try (StreamedBatches stream = StreamedBatches.builder().setImages(images).setOrder(order).setBatchSize(16)
                .setTransform(ImageTransform.training(transforms)).setSeed(5).optWorkers(2).optQueueCapacity(2)
                .build()) {
            while (stream.hasNext()) {
                StreamedBatches.Batch batch = stream.next();
                checksum += batch.pixels()[0];
                batches++;
            }
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.println("batches " + batches + " checksum " + checksum + " max-heap-mb "
                + runtime.maxMemory() / (1 << 20));
    }
}
