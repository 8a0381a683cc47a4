package dev.tailbench.tricks.loss;

import ai.djl.ndarray.NDArray;
import dev.tailbench.api.Losses;
import dev.tailbench.api.TrickSpec;

/**
 * Label-distribution-aware margin loss (Cao et al., NeurIPS 2019): the true class's logit is
 * lowered by a margin m_y that grows as the class shrinks, the logits are scaled by s, and the
 * cross-entropy is weighted by class-balanced weights (all ones for beta 0):
 * l = CE_w(s (z - m_y one-hot(y)), y). The logits are meant to come from a cosine classifier
 * ({@link dev.tailbench.model.NormalisedLinear}), so that s sets their range.
 */
public final class LdamLoss implements LossFunction {

    private static final String NAME = "ldam";

    private final double[] margins;
    private final double scale;
    private final WeightedCrossEntropyLoss weightedCrossEntropy;

    /**
     * @param margins      m_c per class
     * @param scale        s, positive
     * @param classWeights w_c of the weighted cross-entropy, one per class
     */
    public LdamLoss(double[] margins, double scale, double[] classWeights) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(NAME + "(scale = " + scale + ") must be a finite number > 0");
        }
        if (margins.length != classWeights.length) {
            throw new IllegalArgumentException(NAME + ": " + margins.length + " margins but " + classWeights.length
                    + " class weights");
        }
        this.margins = ClassVectors.copy(margins);
        this.scale = scale;
        this.weightedCrossEntropy = new WeightedCrossEntropyLoss(NAME, classWeights);
    }

    /**
     * LDAM as the reference code builds it from the class counts.
     *
     * @param classCounts n_c, every one at least 1
     * @param scale       s
     * @param maxMargin   the margin of the smallest class
     * @param beta        class-balanced beta of the weights; 0 for none
     */
    public static LdamLoss fromCounts(int[] classCounts, double scale, double maxMargin, double beta) {
        return new LdamLoss(margins(classCounts, maxMargin), scale, ClassWeights.classBalanced(NAME, classCounts, beta));
    }

    /**
     * Whether a loss spec asks for the cosine classifier: LDAM does (the reference pairs it with
     * {@code FCNorm}). The trainer asks this of the first and the deferred loss of a recipe.
     *
     * @param lossSpec a loss spec, or null for none
     */
    public static boolean needsNormalisedClassifier(TrickSpec lossSpec) {
        return lossSpec != null && Losses.FAMILY.equals(lossSpec.family()) && NAME.equals(lossSpec.name());
    }

    /**
     * The margins m_c = maxMargin n_c^(-1/4) / max_k n_k^(-1/4).
     *
     * @param classCounts n_c, every one at least 1
     * @param maxMargin   the margin of the smallest class
     * @return m_c per class
     */
    public static double[] margins(int[] classCounts, double maxMargin) {
        ClassCounts.requirePositive(NAME, classCounts);
        double[] margins = new double[classCounts.length];
        double largest = 0;
        for (int c = 0; c < margins.length; c++) {
            margins[c] = 1 / Math.sqrt(Math.sqrt(classCounts[c]));
            largest = Math.max(largest, margins[c]);
        }
        for (int c = 0; c < margins.length; c++) {
            margins[c] = margins[c] * maxMargin / largest;
        }
        return margins;
    }

    /** The margins m_c (a copy). */
    public double[] margins() {
        return ClassVectors.copy(margins);
    }

    /** The class weights of the cross-entropy (a copy). */
    public double[] classWeights() {
        return weightedCrossEntropy.classWeights();
    }

    @Override
    public NDArray perSample(NDArray logits, NDArray labels) {
        NDArray trueClassMargins = ClassVectors.oneHot(logits, labels).mul(ClassVectors.row(NAME, logits, margins));
        return weightedCrossEntropy.perSample(logits.sub(trueClassMargins).mul(scale), labels);
    }
}
