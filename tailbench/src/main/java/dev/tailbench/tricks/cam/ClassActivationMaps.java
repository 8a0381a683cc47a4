package dev.tailbench.tricks.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import dev.tailbench.model.Backbone;

/**
 * Class activation maps (Zhou et al. 2016) of a {@link Backbone} for given labels:
 * CAM_c(i, j) = sum_k W[c, k] maps[k, i, j], with W the classifier's weight and maps the last
 * feature maps, before pooling. The classifier bias is left out, as in the reference code
 * ({@code get_CAM_with_groundtruth}); since the network pools by averaging, the spatial mean of the
 * map plus the bias is the logit.
 *
 * <p>{@link #forImages} then follows the reference: min-max normalise each map at the feature
 * resolution, then resize it to the image bilinearly. The foreground threshold is a multiple of
 * the map's mean, which is invariant to the division by (max - min) but not to the subtraction of
 * the minimum: the normalisation makes every map non-negative, so "0.75 x mean" always keeps the
 * peak and is measured from the map's lowest value, not from 0. (The reference also rounds the map
 * to uint8 before resizing; that only moves the threshold by rounding and is not done here.)
 */
public final class ClassActivationMaps {

    private ClassActivationMaps() {
    }

    /**
     * The raw maps from feature maps and a classifier weight.
     *
     * @param featureMaps float N x K x h x w
     * @param classifierWeight float classes x K
     * @param labels int64 N, the class of each map
     * @return float N x h x w on {@code featureMaps}' manager
     */
    public static NDArray fromFeatures(NDArray featureMaps, NDArray classifierWeight, NDArray labels) {
        Shape s = featureMaps.getShape();
        long n = s.get(0);
        long k = s.get(1);
        NDManager m = featureMaps.getManager();
        try (NDManager tmp = m.newSubManager()) {
            // One weight row per image, gathered onto the scope rather than the weight's manager.
            NDArray rows = classifierWeight.get(tmp, new NDIndex("{}", labels)).reshape(n, 1, k);
            NDArray flat = featureMaps.reshape(n, k, s.get(2) * s.get(3));
            flat.attach(tmp);
            NDArray cams = rows.matMul(flat).reshape(n, s.get(2), s.get(3));
            cams.attach(m);
            return cams;
        }
    }

    /**
     * Shifts and scales every map to [0, 1]: (map - min) / (max - min); a constant map becomes 0.
     *
     * @param cams float N x h x w
     * @return float N x h x w on {@code cams}' manager
     */
    public static NDArray minMaxNormalise(NDArray cams) {
        Shape s = cams.getShape();
        NDManager m = cams.getManager();
        try (NDManager tmp = m.newSubManager()) {
            NDArray flat = cams.reshape(s.get(0), s.get(1) * s.get(2));
            flat.attach(tmp);
            NDArray min = flat.min(new int[] {1}, true);
            // A constant map has range 0 and numerator 0; any positive divisor gives 0, not NaN.
            NDArray range = flat.max(new int[] {1}, true).sub(min).maximum(Float.MIN_NORMAL);
            NDArray out = flat.sub(min).div(range).reshape(s);
            out.attach(m);
            return out;
        }
    }

    /**
     * The maps of a network for a batch, in eval mode, normalised to [0, 1] and resized to the images.
     *
     * @param network the trained network
     * @param parameters its parameter store
     * @param images normalised float images N x C x H x W
     * @param labels int64 N, the class whose map is wanted (the true label in CAM-based sampling)
     * @return float N x H x W on {@code images}' manager, which also receives the forward pass's
     *     temporaries: pass images on a per-batch scope
     */
    public static NDArray forImages(Backbone network, ParameterStore parameters, NDArray images, NDArray labels) {
        Shape s = images.getShape();
        NDManager m = images.getManager();
        try (NDManager tmp = m.newSubManager()) {
            NDArray maps = network.features().forward(parameters, new NDList(images), false).singletonOrThrow();
            maps.attach(tmp);
            Parameter weight = network.classifier().getParameters().get("weight");
            NDArray w = parameters.getValue(weight, images.getDevice(), false);
            NDArray cams = fromFeatures(maps, w, labels);
            NDArray normalised = minMaxNormalise(cams);
            NDArray out = BilinearResize.resize(normalised, (int) s.get(2), (int) s.get(3));
            out.attach(m);
            return out;
        }
    }
}
