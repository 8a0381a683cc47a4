package dev.tailbench.tricks.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Equalization loss v1 in its sigmoid form (Tan et al., CVPR 2020): every class is a binary
 * problem, and sample i's loss is sum_j w_ij BCE(z_ij, y_ij) with w_ij = 1 - E(r) T(f_j) (1 - y_ij),
 * T(f_j) = 1 when the class fraction f_j = n_j / N is below lambda. In classification every sample
 * is foreground, so E(r) = 1: the negative terms of rare classes are dropped, and a rare class is
 * not pushed down by the head classes' samples. The batch loss is the sum over samples and classes
 * divided by N, as the reference divides by n_i.
 *
 * <p>BCE is computed through the signed logit t = z (2 y - 1) as softplus(-t), which stays finite
 * for any logit.
 */
public final class SigmoidEqualizationLoss implements LossFunction {

    private static final String NAME = "equalization";

    /** T(f_c) as 0 or 1. */
    private final double[] rareIndicator;

    /** @param rareClasses T(f_c) per class: whether class c's negative terms are dropped */
    public SigmoidEqualizationLoss(boolean[] rareClasses) {
        rareIndicator = new double[rareClasses.length];
        for (int c = 0; c < rareClasses.length; c++) {
            rareIndicator[c] = rareClasses[c] ? 1 : 0;
        }
    }

    /** The loss with T(f_c) = 1[n_c / sum_k n_k &lt; lambda]. */
    public static SigmoidEqualizationLoss fromCounts(int[] classCounts, double lambda) {
        return new SigmoidEqualizationLoss(ClassCounts.rare(NAME, classCounts, lambda));
    }

    /** T(f_c) per class (a copy). */
    public boolean[] rareClasses() {
        boolean[] rare = new boolean[rareIndicator.length];
        for (int c = 0; c < rare.length; c++) {
            rare[c] = rareIndicator[c] == 1;
        }
        return rare;
    }

    @Override
    public NDArray perSample(NDArray logits, NDArray labels) {
        NDArray targets = ClassVectors.oneHot(logits, labels);
        // w = 1 - T (1 - y): 0 exactly for a rare class's negative term, 1 elsewhere.
        NDArray weights = targets.neg().add(1).mul(ClassVectors.row(NAME, logits, rareIndicator)).neg().add(1);
        NDArray signed = logits.mul(targets.mul(2).sub(1));
        return Activation.softPlus(signed.neg()).mul(weights).sum(new int[] {1});
    }
}
