package dev.tailbench.tricks.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

import dev.tailbench.api.TrickCatalogue;
import dev.tailbench.api.TrickSpec;
import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.model.Backbone;

/**
 * Generates the synthetic images of CAM-based sampling ({@code cam-based}) or of the ImageTrans
 * ablation ({@code image-trans}) when the deferred re-sampling stage starts.
 *
 * <p>Per class c with n_c > 0 images, n_max + n_min - n_c images, n_min the smallest non-zero
 * class (no cap: the reference caps only ImageNet-LT and iNaturalist). Draws from the random
 * source, in this order: every image's source, uniformly among its class's training images, class
 * by class; then, batch by batch and image by image, its {@link RandomTransform}. The pixels are
 * processed {@value #BATCH} images at a time on per-batch sub-managers, so memory beyond the
 * result stays bounded.
 *
 * <p>The first image generated for each class (at most {@value #MAX_EXAMPLES} classes, evenly
 * spread) is also copied to the host with its source, map and mask, for the report. Copying draws
 * nothing from the random source, so the images are the same with or without it.
 */
public final class CamSampling {

    /** Images per batch of the forward pass and the transform. */
    public static final int BATCH = 64;

    /** Classes shown in the examples: one image each. */
    public static final int MAX_EXAMPLES = 10;

    private CamSampling() {
    }

    /**
     * Images to generate per class: n_max + n_min - n_c, n_min over non-empty classes; 0 for an
     * empty class, which has no image to start from.
     *
     * @param classCounts training images per class
     * @return images to generate per class
     */
    public static int[] generationCounts(int[] classCounts) {
        int max = Arrays.stream(classCounts).max().orElse(0);
        int min = Arrays.stream(classCounts).filter(n -> n > 0).min().orElse(0);
        return Arrays.stream(classCounts).map(n -> n > 0 ? max + min - n : 0).toArray();
    }

    /**
     * Generates the synthetic images.
     *
     * @param network the first-stage network (unused, may be null, for {@code image-trans})
     * @param parameters its parameter store
     * @param train the training images on the device
     * @param labels label of every training image
     * @param classCounts training images per class
     * @param spec the sampler spec, {@code cam-based} (its {@code thresholdFactor} is used) or {@code image-trans}
     * @param random the run's random source
     * @param manager receives the result's images, on the training device
     * @return the images, their labels and sources, and what was done to each
     */
    public static SyntheticImages generate(Backbone network, ParameterStore parameters, DeviceImages train,
            int[] labels, int[] classCounts, TrickSpec spec, RandomGenerator random, NDManager manager) {
        if (!TrickCatalogue.has(spec, TrickCatalogue.Trait.GENERATES_IMAGES)) {
            throw new IllegalArgumentException("not a generating sampler: " + spec);
        }
        boolean cam = spec.name().equals("cam-based");
        double factor = cam ? spec.parameter("thresholdFactor") : 0;
        if (cam && network == null) {
            throw new IllegalArgumentException("cam-based sampling needs the first-stage network");
        }
        if (labels.length != train.size()) {
            throw new IllegalArgumentException(labels.length + " labels for " + train.size() + " images");
        }
        int[][] byClass = imagesByClass(labels, classCounts);
        int[] perClass = generationCounts(classCounts);
        int total = Arrays.stream(perClass).sum();
        int[] sources = new int[total];
        int[] newLabels = new int[total];
        int k = 0;
        for (int c = 0; c < perClass.length; c++) {
            for (int j = 0; j < perClass[c]; j++) {
                sources[k] = byClass[c][random.nextInt(byClass[c].length)];
                newLabels[k++] = c;
            }
        }
        Shape image = train.imageShape();
        int height = (int) image.get(1);
        int width = (int) image.get(2);
        TransformKind[] kinds = new TransformKind[total];
        int[] exampleIndices = exampleIndices(perClass);
        List<CamExample> examples = new ArrayList<>();
        int channels = (int) image.get(0);
        NDArray out = manager.zeros(new Shape(total, image.get(0), height, width), DataType.UINT8);
        try {
            for (int start = 0; start < total; start += BATCH) {
                int end = Math.min(total, start + BATCH);
                int[] batch = Arrays.copyOfRange(sources, start, end);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray raw = train.raw(batch, scope);
                    boolean[][] masks;
                    float[] camValues = null;
                    if (cam) {
                        NDList normalised = train.batch(batch, scope);
                        NDArray maps = ClassActivationMaps.forImages(network, parameters, normalised.get(0), normalised.get(1));
                        masks = ForegroundMasks.threshold(maps, factor);
                        if (containsAny(exampleIndices, start, end)) {
                            camValues = maps.toFloatArray();
                        }
                    }
                    else {
                        masks = new boolean[batch.length][height * width];
                        for (boolean[] mask : masks) {
                            Arrays.fill(mask, true);
                        }
                    }
                    SourceMap[] maps = new SourceMap[batch.length];
                    for (int i = 0; i < batch.length; i++) {
                        RandomTransform transform = cam
                                ? RandomTransform.forForeground(random, ForegroundBox.of(masks[i], height, width), height, width)
                                : RandomTransform.forWholeImage(random, height, width);
                        kinds[start + i] = transform.kind();
                        maps[i] = transform.sourceMap(width);
                    }
                    NDArray transformed = ForegroundTransform.apply(raw, masks, maps,
                            cam ? ForegroundTransform.Uncovered.ORIGINAL : ForegroundTransform.Uncovered.BLACK);
                    out.set(new NDIndex(start + ":" + end), transformed);
                    for (int index : exampleIndices) {
                        if (index >= start && index < end) {
                            int i = index - start;
                            int pixels = height * width;
                            examples.add(new CamExample(newLabels[index], sources[index], kinds[index], channels, height,
                                    width, raw.get(i).toByteArray(),
                                    camValues == null ? null : Arrays.copyOfRange(camValues, i * pixels, (i + 1) * pixels),
                                    masks[i], transformed.get(i).toByteArray()));
                        }
                    }
                }
            }
        }
        catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
        return new SyntheticImages(out, newLabels, sources, kinds, perClass, List.copyOf(examples));
    }

    /**
     * Index (in generation order) of the first image of each class that has one, for at most
     * {@value #MAX_EXAMPLES} classes evenly spread from the first to the last, so that head and
     * tail both show.
     */
    static int[] exampleIndices(int[] perClass) {
        List<Integer> firsts = new ArrayList<>();
        int offset = 0;
        for (int count : perClass) {
            if (count > 0) {
                firsts.add(offset);
            }
            offset += count;
        }
        int shown = Math.min(MAX_EXAMPLES, firsts.size());
        int[] indices = new int[shown];
        for (int k = 0; k < shown; k++) {
            indices[k] = firsts.get(shown == 1 ? 0 : (int) Math.round(k * (firsts.size() - 1) / (double) (shown - 1)));
        }
        return indices;
    }

    private static boolean containsAny(int[] indices, int start, int end) {
        return Arrays.stream(indices).anyMatch(index -> index >= start && index < end);
    }

    private static int[][] imagesByClass(int[] labels, int[] classCounts) {
        int[][] byClass = new int[classCounts.length][];
        int[] filled = new int[classCounts.length];
        for (int c = 0; c < classCounts.length; c++) {
            byClass[c] = new int[classCounts[c]];
        }
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= classCounts.length || filled[c] == classCounts[c]) {
                throw new IllegalArgumentException("labels do not match the class counts " + Arrays.toString(classCounts));
            }
            byClass[c][filled[c]++] = i;
        }
        if (!Arrays.equals(filled, classCounts)) {
            throw new IllegalArgumentException("labels do not match the class counts " + Arrays.toString(classCounts));
        }
        return byClass;
    }
}
