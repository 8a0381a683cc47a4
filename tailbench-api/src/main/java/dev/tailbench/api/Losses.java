package dev.tailbench.api;

import static dev.tailbench.api.Parameters.atLeast;
import static dev.tailbench.api.Parameters.inClosedRange;
import static dev.tailbench.api.Parameters.inRange;
import static dev.tailbench.api.Parameters.oneOf;
import static dev.tailbench.api.Parameters.positive;
import static dev.tailbench.api.Parameters.positiveCount;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Factories for the loss of a recipe: the re-weighting family of the Bag of Tricks (Zhang et al.,
 * AAAI 2021). Defaults are the paper's CIFAR recipe; n_c is the number of training images of
 * class c in the stage the loss is used in. Every factory validates its parameters and throws an
 * {@link IllegalArgumentException} naming the loss and the parameter.
 */
public final class Losses {

    /** Family name of loss specs. */
    public static final String FAMILY = "loss";

    /** Shapes of label-aware smoothing's head-to-tail curve. */
    public static final Set<String> SMOOTHING_SHAPES = Set.of("concave", "linear", "convex");

    private Losses() {
    }

    /** Softmax cross-entropy, the baseline of every table. */
    public static TrickSpec crossEntropy() {
        return TrickSpec.of(FAMILY, "cross-entropy");
    }

    /** Cost-sensitive cross-entropy with class weights (n_min / n_c)^1 ("CS_CE"). */
    public static TrickSpec costSensitive() {
        return costSensitive(1.0);
    }

    /**
     * Cost-sensitive cross-entropy with class weights (n_min / n_c)^gamma, reduced as a weighted
     * mean; gamma 0.5 is the paper's "square" variant.
     */
    public static TrickSpec costSensitive(double gamma) {
        return spec("cost-sensitive", "gamma", atLeast("cost-sensitive", "gamma", gamma, 0));
    }

    /** Focal loss with gamma 2 (sigmoid form over the classes, as the reference code). */
    public static TrickSpec focal() {
        return focal(2.0);
    }

    /** Focal loss: sum over classes of (1 - p_t)^gamma * BCE, p = sigmoid(z), divided by N. */
    public static TrickSpec focal(double gamma) {
        return spec("focal", "gamma", atLeast("focal", "gamma", gamma, 0));
    }

    /**
     * Focal loss with cost-sensitive class weights (n_min / n_c)^weightGamma: the reference code's
     * second stage of "DRW Focal".
     */
    public static TrickSpec costSensitiveFocal(double gamma, double weightGamma) {
        return spec("cost-sensitive-focal", "gamma", atLeast("cost-sensitive-focal", "gamma", gamma, 0),
                "weightGamma", atLeast("cost-sensitive-focal", "weightGamma", weightGamma, 0));
    }

    /**
     * Class-balanced cross-entropy with the paper's beta for the run's data set: 0.9999 on CIFAR-10
     * (and data sets without a published value), 0.9 on CIFAR-100 ({@link DatasetDefaults}).
     */
    public static TrickSpec classBalanced() {
        return classBalanced(DatasetDefaults.value("class-balanced", "beta", DatasetDefaults.CIFAR_10))
                .followingDataset("beta");
    }

    /**
     * Class-balanced cross-entropy (Cui et al. 2019): class weights (1 - beta) / (1 - beta^n_c),
     * normalised to sum to the number of classes, reduced as a weighted mean.
     */
    public static TrickSpec classBalanced(double beta) {
        return spec("class-balanced", "beta", inRange("class-balanced", "beta", beta, 0, 1));
    }

    /** Class-balanced focal loss with gamma 1 and the paper's beta for the data set (as {@link #classBalanced()}). */
    public static TrickSpec classBalancedFocal() {
        return classBalancedFocal(DatasetDefaults.value("class-balanced-focal", "beta", DatasetDefaults.CIFAR_10), 1.0)
                .followingDataset("beta");
    }

    /** Class-balanced focal loss: the focal loss with the class-balanced weights. */
    public static TrickSpec classBalancedFocal(double beta, double gamma) {
        return spec("class-balanced-focal", "beta", inRange("class-balanced-focal", "beta", beta, 0, 1),
                "gamma", atLeast("class-balanced-focal", "gamma", gamma, 0));
    }

    /** Label smoothing with epsilon 0.1. */
    public static TrickSpec labelSmoothing() {
        return labelSmoothing(0.1);
    }

    /** Cross-entropy against (1 - epsilon) * one-hot + epsilon / C. */
    public static TrickSpec labelSmoothing(double epsilon) {
        return spec("label-smoothing", "epsilon", inRange("label-smoothing", "epsilon", epsilon, 0, 1));
    }

    /** Label-aware smoothing with head 0.4, tail 0.1, concave (the reference code's defaults). */
    public static TrickSpec labelAwareSmoothing() {
        return labelAwareSmoothing(0.4, 0.1, "concave");
    }

    /**
     * Label-aware smoothing (Zhong et al., CVPR 2021): the smoothing factor of class c goes from
     * {@code tail} for the smallest class to {@code head} for the largest along a concave, linear
     * or convex curve in n_c.
     */
    public static TrickSpec labelAwareSmoothing(double head, double tail, String shape) {
        String name = "label-aware-smoothing";
        inRange(name, "head", head, 0, 1);
        inRange(name, "tail", tail, 0, 1);
        if (tail > head) {
            throw new IllegalArgumentException(name + "(head = " + head + ", tail = " + tail
                    + ") needs head >= tail: the largest classes are smoothed most");
        }
        return spec(name, "head", head, "tail", tail, "shape", oneOf(name, "shape", shape, SMOOTHING_SHAPES));
    }

    /** LDAM with scale 30 and maximum margin 0.5, no class weights. */
    public static TrickSpec ldam() {
        return ldam(30, 0.5, 0);
    }

    /**
     * LDAM (Cao et al., NeurIPS 2019): margins m_c proportional to n_c^(-1/4) with the largest
     * equal to {@code maxMargin}, logits of a cosine classifier scaled by {@code scale}. A
     * positive {@code beta} adds class-balanced weights (the reference code's DRW stage uses
     * 0.9999); 0 means unweighted. Declaring LDAM gives the network a normalised classifier.
     */
    public static TrickSpec ldam(double scale, double maxMargin, double beta) {
        return spec("ldam", "scale", positive("ldam", "scale", scale),
                "maxMargin", positive("ldam", "maxMargin", maxMargin),
                "beta", inRange("ldam", "beta", beta, 0, 1));
    }

    /** Class-dependent temperatures with gamma 0.2. */
    public static TrickSpec cdt() {
        return cdt(0.2);
    }

    /** Class-dependent temperatures (Ye et al. 2020): logits z_c / (n_max / n_c)^gamma, then cross-entropy. */
    public static TrickSpec cdt(double gamma) {
        return spec("cdt", "gamma", atLeast("cdt", "gamma", gamma, 0));
    }

    /** Balanced softmax cross-entropy (Ren et al., NeurIPS 2020): cross-entropy on z_c + log n_c. */
    public static TrickSpec balancedSoftmax() {
        return TrickSpec.of(FAMILY, "balanced-softmax");
    }

    /**
     * Softmax equalization loss with gamma 0.9 and lambda for the run's data set: 0.05 on CIFAR-10
     * (and data sets without a published value), 0.005 on CIFAR-100 ({@link DatasetDefaults}).
     */
    public static TrickSpec softmaxEqualization() {
        return softmaxEqualization(0.9, DatasetDefaults.value("softmax-equalization", "lambda", DatasetDefaults.CIFAR_10))
                .followingDataset("lambda");
    }

    /**
     * Softmax equalization loss (Tan et al., CVPR 2020): the negative logits of rare classes
     * (n_c / N below {@code lambda}) are dropped from the softmax denominator with probability
     * {@code gamma}; computed as a masked log-sum-exp.
     */
    public static TrickSpec softmaxEqualization(double gamma, double lambda) {
        return spec("softmax-equalization", "gamma", inClosedRange("softmax-equalization", "gamma", gamma, 0, 1),
                "lambda", inClosedRange("softmax-equalization", "lambda", lambda, 0, 1));
    }

    /** Equalization loss v1, sigmoid form, with lambda 0.05 (the CIFAR-10 value of the softmax form). */
    public static TrickSpec equalization() {
        return equalization(0.05);
    }

    /**
     * Equalization loss v1 in its sigmoid form (Tan et al., CVPR 2020): per-class binary
     * cross-entropy whose negative terms are dropped for rare classes (n_c / N below lambda).
     */
    public static TrickSpec equalization(double lambda) {
        return spec("equalization", "lambda", inClosedRange("equalization", "lambda", lambda, 0, 1));
    }

    /** Equalization loss v2 with the reference's gamma 12, mu 0.8, alpha 4. */
    public static TrickSpec equalizationV2() {
        return equalizationV2(12, 0.8, 4);
    }

    /**
     * Equalization loss v2 (Tan et al., CVPR 2021): per-class binary cross-entropy whose positive
     * and negative terms are re-weighted, step by step, from each class's accumulated ratio of
     * positive to negative gradients: negative weight 1 / (1 + exp(-gamma (r - mu))), positive
     * weight 1 + alpha (1 - negative weight).
     */
    public static TrickSpec equalizationV2(double gamma, double mu, double alpha) {
        return spec("equalization-v2", "gamma", atLeast("equalization-v2", "gamma", gamma, 0),
                "mu", atLeast("equalization-v2", "mu", mu, 0), "alpha", atLeast("equalization-v2", "alpha", alpha, 0));
    }

    /** Logit-adjusted cross-entropy with tau 1 (Menon et al., ICLR 2021). */
    public static TrickSpec logitAdjusted() {
        return logitAdjusted(1.0);
    }

    /**
     * Logit-adjusted cross-entropy (Menon et al., ICLR 2021): cross-entropy on z_c + tau log pi_c,
     * pi_c = n_c / N the training label prior. tau 1 trains the same model as balanced softmax (the
     * offsets differ by log N, to which the softmax is blind).
     */
    public static TrickSpec logitAdjusted(double tau) {
        return spec("logit-adjusted", "tau", atLeast("logit-adjusted", "tau", tau, 0));
    }

    /** Class rectification loss with eta 1, margin 0.5 and 5 hard samples per minority class. */
    public static TrickSpec classRectification() {
        return classRectification(1.0, 0.5, 5);
    }

    /**
     * Class rectification loss (Dong et al., TPAMI 2018): alpha L_crl + (1 - alpha) cross-entropy,
     * alpha = eta Omega_imb (the training set's imbalance, the least fraction of labels whose
     * change would balance it); L_crl is a triplet loss with the given margin over each batch's
     * minority classes, on the hardSamples positives and negatives mined by class score.
     */
    public static TrickSpec classRectification(double eta, double margin, int hardSamples) {
        return spec("class-rectification", "eta", inClosedRange("class-rectification", "eta", eta, 0, 1),
                "margin", atLeast("class-rectification", "margin", margin, 0),
                "hardSamples", positiveCount("class-rectification", "hardSamples", hardSamples));
    }

    private static TrickSpec spec(String name, Object... keysAndValues) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            parameters.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new TrickSpec(FAMILY, name, parameters);
    }
}
