package dev.tailbench.tricks.mixup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;

import dev.tailbench.model.Backbone;
import dev.tailbench.tricks.loss.LossFunction;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Remix (Chou et al., ECCV 2020 workshop): input mixup whose label weight favours the minority
 * class. Sample i mixes a = i with its partner b; its label weight w_i is lambda, except
 * <ul>
 *   <li>0 when {@code n_a / n_b >= kappa} and {@code lambda < tau} (a is much more frequent and
 *       contributes little of the image: the label goes wholly to the rarer b),</li>
 *   <li>1 when {@code n_a / n_b <= 1 / kappa} and {@code 1 - lambda < tau} (the mirror case; where
 *       both apply, possible only for kappa 1 and tau above 1/2, this one wins as in the
 *       reference code).</li>
 * </ul>
 * The loss is {@code mean_i [w_i c_i(a) + (1 - w_i) c_i(b)]} with c the loss's
 * {@link LossFunction#perSample per-sample shares}.
 *
 * <p>Deviation from the reference code: it multiplies the per-sample weights with batch-mean
 * losses, {@code mean_i [w_i L(a) + (1 - w_i) L(b)]}, which reduces to
 * {@code mean(w) L(a) + (1 - mean(w)) L(b)}: every sample's label mix becomes the batch's average
 * one and the re-weighting towards each sample's minority class is lost. We implement the paper's
 * per-sample form (its equation 10), which equals the reference's whenever all weights agree.
 */
public final class Remix implements BatchObjective {

    private final double alpha;
    private final double kappa;
    private final double tau;
    private final float[] classCounts;

    /**
     * @param alpha       the Beta distribution's shape parameters, positive
     * @param kappa       the imbalance ratio from which a pair counts as imbalanced, at least 1
     * @param tau         the share of the image below which the frequent class loses its label, in [0, 1]
     * @param classCounts training images per class
     */
    public Remix(double alpha, double kappa, double tau, int[] classCounts) {
        this.alpha = MixupParameters.positive("alpha", alpha);
        if (!(kappa >= 1) || Double.isInfinite(kappa)) {
            throw new IllegalArgumentException("kappa must be at least 1, got " + kappa);
        }
        if (!(tau >= 0 && tau <= 1)) {
            throw new IllegalArgumentException("tau must be in [0, 1], got " + tau);
        }
        if (classCounts.length == 0 || Arrays.stream(classCounts).anyMatch(count -> count <= 0)) {
            // Ratios of counts are taken both ways, so a class without images would divide by zero.
            throw new IllegalArgumentException("remix needs a positive count for every class, got "
                    + Arrays.toString(classCounts));
        }
        this.kappa = kappa;
        this.tau = tau;
        this.classCounts = new float[classCounts.length];
        for (int c = 0; c < classCounts.length; c++) {
            this.classCounts[c] = classCounts[c];
        }
    }

    @Override
    public NDArray loss(Backbone network, ParameterStore parameters, NDArray images, NDArray labels,
                        LossFunction loss, RandomGenerator random) {
        MixedForward forward = MixedForward.run(alpha, network, parameters, images, labels, random);
        NDArray weights = labelWeights(labels, forward.partnerLabels(), forward.lambda());
        NDArray own = loss.perSample(forward.logits(), labels);
        NDArray partner = loss.perSample(forward.logits(), forward.partnerLabels());
        return own.mul(weights).add(partner.mul(weights.neg().add(1))).mean();
    }

    /**
     * Each sample's label weight w_i by the rule of the class javadoc, computed on the device in
     * float32 as the reference code does.
     *
     * @param labels        the labels a of the batch
     * @param partnerLabels the labels b of the partners
     * @param lambda        the batch's mixing weight
     * @return N float32 weights, on {@code labels}' manager
     */
    NDArray labelWeights(NDArray labels, NDArray partnerLabels, double lambda) {
        NDArray counts = labels.getManager().create(classCounts);
        NDArray countA = counts.get(labels.toType(DataType.INT64, false));
        NDArray countB = counts.get(partnerLabels.toType(DataType.INT64, false));
        NDArray weights = labels.getManager().full(countA.getShape(), (float) lambda);
        if (lambda < tau) {
            weights = NDArrays.where(countA.div(countB).gte((float) kappa), weights.zerosLike(), weights);
        }
        if (1 - lambda < tau) {
            weights = NDArrays.where(countA.mul((float) kappa).div(countB).lte(1f), weights.onesLike(), weights);
        }
        return weights;
    }

    @Override
    public String toString() {
        return "remix (alpha " + alpha + ", kappa " + kappa + ", tau " + tau + ")";
    }
}
