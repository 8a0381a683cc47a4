package dev.tailbench.tricks.cam;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images CAM-based sampling or ImageTrans generated, grouped by class in class order.
 * The arrays are shared, not copied.
 *
 * @param images uint8 N' x C x H x W on the manager given to {@link CamSampling#generate}
 * @param labels class of each image, length N'
 * @param sources index of the training image each was made from, length N'
 * @param kinds transform applied to each, length N'
 * @param perClass images generated per class
 * @param examples the first image of up to {@value CamSampling#MAX_EXAMPLES} classes with its
 *     source, map and mask, on the host, for the report
 */
public record SyntheticImages(NDArray images, int[] labels, int[] sources, TransformKind[] kinds, int[] perClass,
        List<CamExample> examples)
        implements AutoCloseable {

    /** @return N', the number of generated images */
    public int size() {
        return labels.length;
    }

    /** @return images per transform kind, keyed by {@link TransformKind#label()}, every kind listed */
    public Map<String, Integer> perKind() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TransformKind kind : TransformKind.values()) {
            counts.put(kind.label(), 0);
        }
        for (TransformKind kind : kinds) {
            counts.merge(kind.label(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The labels of the enlarged training set, original images first, as
     * {@link dev.tailbench.data.device.DeviceImages#withExtra} orders them.
     *
     * @param original labels of the training images
     * @return {@code original} followed by {@link #labels()}
     */
    public int[] appendedTo(int[] original) {
        int[] all = Arrays.copyOf(original, original.length + labels.length);
        System.arraycopy(labels, 0, all, original.length, labels.length);
        return all;
    }

    /** Frees the images. */
    @Override
    public void close() {
        images.close();
    }
}
