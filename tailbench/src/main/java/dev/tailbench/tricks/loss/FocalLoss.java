package dev.tailbench.tricks.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

import java.util.Arrays;

/**
 * The focal loss in the reference code's sigmoid form (Lin et al. 2017): every class is a binary
 * problem, p = sigmoid(z), and the loss of a batch is
 * sum_i w_yi sum_c (1 - p_t)^gamma BCE(z_ic, y_ic) / N, with p_t the probability of the right
 * answer of each binary problem. The class weights w are plain factors (not a weighted mean):
 * all ones for "focal", cost-sensitive for the DRW stage, class-balanced for "CB-focal".
 *
 * <p>Computed through the signed logit t = z (2 y - 1): BCE = softplus(-t) and
 * (1 - p_t)^gamma = exp(-gamma softplus(t)), which stay finite with finite gradients for any
 * logit, where (1 - sigmoid(z))^gamma underflows to 0 and its gradient to 0 * inf.
 */
public final class FocalLoss implements LossFunction {

    private final String name;
    private final double gamma;
    private final double[] classWeights;

    /**
     * @param name         the loss's name, for error messages
     * @param gamma        focusing exponent, at least 0 (0 gives the per-class binary cross-entropy)
     * @param classWeights w_c, one per class, finite and positive
     */
    public FocalLoss(String name, double gamma, double[] classWeights) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException(name + "(gamma = " + gamma + ") must be a finite number >= 0");
        }
        this.name = name;
        this.gamma = gamma;
        this.classWeights = ClassVectors.positiveWeights(name, classWeights);
    }

    /** The focal loss without class weights. */
    public static FocalLoss unweighted(int classes, double gamma) {
        double[] ones = new double[classes];
        Arrays.fill(ones, 1.0);
        return new FocalLoss("focal", gamma, ones);
    }

    /** The focal loss with weights (n_min / n_c)^weightGamma. */
    public static FocalLoss costSensitive(int[] classCounts, double gamma, double weightGamma) {
        String name = "cost-sensitive-focal";
        return new FocalLoss(name, gamma, ClassWeights.costSensitive(name, classCounts, weightGamma));
    }

    /** The class-balanced focal loss: weights (1 - beta) / (1 - beta^n_c), summing to C. */
    public static FocalLoss classBalanced(int[] classCounts, double beta, double gamma) {
        String name = "class-balanced-focal";
        return new FocalLoss(name, gamma, ClassWeights.classBalanced(name, classCounts, beta));
    }

    /** The class weights w_c (a copy). */
    public double[] classWeights() {
        return ClassVectors.copy(classWeights);
    }

    @Override
    public NDArray perSample(NDArray logits, NDArray labels) {
        NDArray sampleWeights = ClassVectors.ofLabels(name, logits, classWeights, labels);
        NDArray signed = logits.mul(ClassVectors.oneHot(logits, labels).mul(2).sub(1));
        NDArray perClass = Activation.softPlus(signed.neg());
        if (gamma != 0) {
            perClass = perClass.mul(Activation.softPlus(signed).mul(-gamma).exp());
        }
        return perClass.sum(new int[] {1}).mul(sampleWeights);
    }
}
