package dev.tailbench.tricks.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;

/**
 * Softmax equalization loss (Tan et al., CVPR 2020), the reference code's "SEQL": the softmax of
 * sample i is taken over the classes it keeps, p_y = e^z_y / sum_k w_k e^z_k with
 * w_k = 1 - beta_k T(f_k) (1 - y_k), T(f_k) = 1 when the class fraction f_k = n_k / N is below
 * lambda, and beta_k ~ Bernoulli(gamma) drawn afresh for every sample and class. A rare class
 * thus escapes, with probability gamma, the discouraging gradient of being another sample's
 * negative. The loss of the batch is the mean of -log p_y.
 *
 * <p>-log p_y is computed as a masked log-sum-exp: the dropped classes become minus infinity,
 * and the row's largest kept logit is subtracted before exponentiating. The reference's
 * {@code exp(z) / sum(w exp(z))} overflows to inf / inf = NaN once a logit passes about 88.
 *
 * <p>The Bernoulli draws use the random generator of the logits' engine
 * ({@code randomUniform} on their manager), which {@code Engine.setRandomSeed} fixes.
 */
public final class SoftmaxEqualizationLoss implements LossFunction {

    private static final String NAME = "softmax-equalization";

    private final boolean[] rareClasses;
    /** T(f_c) as 0 or 1, the form the mask is computed in. */
    private final double[] rareIndicator;
    private final double gamma;

    /**
     * @param rareClasses T(f_c) per class: whether class c may be dropped as a negative
     * @param gamma       the probability of dropping a rare negative, in [0, 1]
     */
    public SoftmaxEqualizationLoss(boolean[] rareClasses, double gamma) {
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException(NAME + "(gamma = " + gamma + ") must be in [0, 1]");
        }
        this.rareClasses = rareClasses.clone();
        this.rareIndicator = new double[rareClasses.length];
        for (int c = 0; c < rareClasses.length; c++) {
            rareIndicator[c] = rareClasses[c] ? 1 : 0;
        }
        this.gamma = gamma;
    }

    /**
     * The loss with T(f_c) = 1[n_c / sum_k n_k &lt; lambda].
     *
     * @param classCounts n_c, not all 0
     * @param gamma       the probability of dropping a rare negative
     * @param lambda      the class-fraction threshold below which a class is rare
     */
    public static SoftmaxEqualizationLoss fromCounts(int[] classCounts, double gamma, double lambda) {
        boolean[] rare = ClassCounts.rare(NAME, classCounts, lambda);
        return new SoftmaxEqualizationLoss(rare, gamma);
    }

    /** T(f_c) per class (a copy). */
    public boolean[] rareClasses() {
        return rareClasses.clone();
    }

    @Override
    public NDArray perSample(NDArray logits, NDArray labels) {
        NDArray kept = keptClasses(logits, labels);
        NDArray masked = NDArrays.where(kept, logits, logits.getManager().full(logits.getShape(),
                Float.NEGATIVE_INFINITY, logits.getDataType()));
        // The row's largest kept logit: finite, since the true class is always kept. The
        // log-sum-exp does not depend on it, so it needs no gradient.
        NDArray rowMax = masked.max(new int[] {1}, true).stopGradient();
        NDArray logSumExp = masked.sub(rowMax).exp().sum(new int[] {1}).log().add(rowMax.reshape(-1));
        NDArray trueLogits = logits.gather(ClassVectors.indices(labels).reshape(-1, 1), 1).reshape(-1);
        return logSumExp.sub(trueLogits);
    }

    /** w_k as a boolean N x C mask: true where class k stays in sample i's softmax. */
    private NDArray keptClasses(NDArray logits, NDArray labels) {
        NDArray rareNegatives = ClassVectors.row(NAME, logits, rareIndicator).mul(ClassVectors.oneHot(logits, labels).neg().add(1));
        NDArray dropped = logits.getManager().randomUniform(0, 1, logits.getShape(), DataType.FLOAT32)
                .lt(gamma).toType(logits.getDataType(), false);
        return rareNegatives.mul(dropped).eq(0);
    }
}
