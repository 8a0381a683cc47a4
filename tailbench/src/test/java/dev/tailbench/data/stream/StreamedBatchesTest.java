package dev.tailbench.data.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tailbench.data.image.ColorJitter;
import dev.tailbench.data.image.ImageDecoder;
import dev.tailbench.data.image.PaperTransforms;
import dev.tailbench.data.list.ImageList;
import dev.tailbench.data.list.ImageListFile;

/** The streaming pipeline on small data sets in ImageNet-LT's layout (list file + image files). */
class StreamedBatchesTest {

    private static final PaperTransforms SMALL = new PaperTransforms(8, 10, PaperTransforms.IMAGENET_MEAN,
            PaperTransforms.IMAGENET_STD, new ColorJitter(0.4, 0.4, 0.4));

    @TempDir
    Path root;

    private ImageList images;

    @BeforeEach
    void aSmallSet() throws IOException {
        images = ImageListFile.read(StreamedImages.write(root, 23, 20, 14, 5), root);
    }

    @Test
    void batchesFollowTheOrderWithLabelsPositionsAndAShortLastBatch() {
        int[] order = {22, 0, 5, 5, 17, 3, 9, 11, 1, 2, 4};

        List<int[]> labels = new ArrayList<>();
        List<int[]> positions = new ArrayList<>();
        try (StreamedBatches stream = stream(order, 4, 2, 7, false, ImageTransform.evaluation(SMALL))) {
            assertThat(stream.batchCount()).isEqualTo(3);
            while (stream.hasNext()) {
                StreamedBatches.Batch batch = stream.next();
                labels.add(batch.labels());
                positions.add(batch.positions());
            }
        }

        // Labels are i % 5 for image i.
        assertThat(labels).containsExactly(new int[] {2, 0, 0, 0}, new int[] {2, 3, 4, 1}, new int[] {1, 2, 4});
        assertThat(positions).containsExactly(new int[] {0, 1, 2, 3}, new int[] {4, 5, 6, 7}, new int[] {8, 9, 10});
    }

    @Test
    void dropLastLeavesOutTheShortBatch() {
        try (StreamedBatches stream = stream(new int[] {0, 1, 2, 3, 4, 5, 6}, 3, 1, 1, true,
                ImageTransform.evaluation(SMALL))) {
            assertThat(stream.batchCount()).isEqualTo(2);
            stream.next();
            stream.next();
            assertThat(stream.hasNext()).isFalse();
        }
    }

    @Test
    void evaluationSamplesAreThePaperTransformOfTheDecodedFile() throws IOException {
        int[] order = {3, 7, 12};
        float[] expected = new float[3 * 3 * 8 * 8];
        for (int i = 0; i < order.length; i++) {
            SMALL.evaluate(ImageDecoder.decode(images.file(order[i])), expected, i * 3 * 8 * 8);
        }

        try (StreamedBatches stream = stream(order, 3, 2, 2, false, ImageTransform.evaluation(SMALL))) {
            StreamedBatches.Batch batch = stream.next();

            assertThat(Arrays.copyOf(batch.pixels(), expected.length)).isEqualTo(expected);
        }
    }

    @Test
    void theSameSeedGivesTheSameBatchesWithAnyNumberOfWorkers() {
        int[] order = new int[40];
        for (int i = 0; i < order.length; i++) {
            order[i] = (i * 7) % 23;
        }

        List<float[]> one = all(order, 1, 1, 11);
        List<float[]> three = all(order, 3, 4, 11);
        List<float[]> otherSeed = all(order, 3, 2, 12);

        assertThat(three).hasSize(one.size());
        for (int b = 0; b < one.size(); b++) {
            assertThat(three.get(b)).as("batch %d", b).isEqualTo(one.get(b));
        }
        assertThat(otherSeed.get(0)).isNotEqualTo(one.get(0));
        // Image 0 at positions 0 and 23 of the order: augmented differently.
        int sample = 3 * 8 * 8;
        float[] first = Arrays.copyOfRange(one.get(0), 0, sample);
        float[] again = Arrays.copyOfRange(one.get(23 / 6), (23 % 6) * sample, (23 % 6 + 1) * sample);
        assertThat(again).isNotEqualTo(first);
    }

    @Test
    void aCorruptFileFailsItsBatchNamingTheFileAfterTheEarlierBatches() throws IOException {
        Files.writeString(images.file(9), "not a png", StandardCharsets.US_ASCII);
        int[] order = {0, 1, 2, 3, 9, 4};

        try (StreamedBatches stream = stream(order, 2, 2, 2, false, ImageTransform.evaluation(SMALL))) {
            assertThat(stream.next().number()).isZero();
            assertThat(stream.next().number()).isEqualTo(1);
            assertThatThrownBy(stream::next)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(images.file(9).toString());
            // The stream is finished: the failed batch's buffer may still be written by its other samples.
            assertThat(stream.hasNext()).isFalse();
            assertThatThrownBy(stream::next).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aPositionOutsideTheListIsRefused() {
        assertThatThrownBy(() -> stream(new int[] {0, 23}, 2, 1, 1, false, ImageTransform.evaluation(SMALL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position 23 of the order is not an image of");
    }

    /**
     * 400 images of 256 x 256 decode to 75 MB and their 96-pixel samples fill 25 batches of 1.7 MB
     * (44 MB): a child JVM with a 24 MB heap streams them all only if neither the images nor the
     * batches are kept.
     */
    @Test
    void aSetLargerThanTheHeapStreamsThroughABoundedQueue() throws Exception {
        Path large = root.resolve("large");
        Path list = StreamedImages.write(large, 400, 256, 256, 10);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-cp", System.getProperty("java.class.path"), StreamedBatchesMemoryCheck.class.getName(),
                list.toString(), large.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("batches 25 ").contains("max-heap-mb 24");
    }

    private List<float[]> all(int[] order, int workers, int capacity, long seed) {
        List<float[]> batches = new ArrayList<>();
        try (StreamedBatches stream = stream(order, 6, workers, capacity, false, ImageTransform.training(SMALL), seed)) {
            while (stream.hasNext()) {
                StreamedBatches.Batch batch = stream.next();
                // The buffer is reused after the next call: copy it.
                batches.add(Arrays.copyOf(batch.pixels(), batch.size() * 3 * 8 * 8));
            }
        }
        return batches;
    }

    private StreamedBatches stream(int[] order, int batch, int workers, int capacity, boolean dropLast,
            ImageTransform transform) {
        return stream(order, batch, workers, capacity, dropLast, transform, 1);
    }

    private StreamedBatches stream(int[] order, int batch, int workers, int capacity, boolean dropLast,
            ImageTransform transform, long seed) {
        return StreamedBatches.builder().setImages(images).setOrder(order).setBatchSize(batch).setTransform(transform)
                .setSeed(seed).optWorkers(workers).optQueueCapacity(capacity).optDropLast(dropLast).build();
    }
}
