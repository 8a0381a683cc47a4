package dev.tailbench.api;

import static dev.tailbench.api.Parameters.atLeast;
import static dev.tailbench.api.Parameters.inClosedRange;
import static dev.tailbench.api.Parameters.positive;
import static dev.tailbench.api.Parameters.positiveCount;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Factories for classifier re-balancing, a stage after representation learning (Kang et al.,
 * ICLR 2020, as the Bag of Tricks runs it). cRT and LWS train for their own epochs with the
 * backbone frozen and a class-balanced sampler, learning rate decayed x0.1 at 1/3 and 2/3 of
 * them; tau-normalisation rescales the trained classifier without training.
 */
public final class Rebalancing {

    /** Family name of classifier re-balancing specs. */
    public static final String FAMILY = "rebalancing";

    private Rebalancing() {
    }

    /** cRT with the paper's CIFAR recipe: 30 epochs, learning rate 0.1, weight decay 5e-4. */
    public static TrickSpec classifierRetraining() {
        return classifierRetraining(30, 0.1, 5e-4);
    }

    /** Classifier re-training: a freshly initialised linear classifier trained on frozen features. */
    public static TrickSpec classifierRetraining(int epochs, double learningRate, double weightDecay) {
        return stage("crt", "cRT", epochs, learningRate, weightDecay);
    }

    /** LWS with the paper's CIFAR recipe: 30 epochs, learning rate 0.1, weight decay 5e-4. */
    public static TrickSpec learnableWeightScaling() {
        return learnableWeightScaling(30, 0.1, 5e-4);
    }

    /** Learnable weight scaling: one learned scale per class on the trained classifier's logits, all else frozen. */
    public static TrickSpec learnableWeightScaling(int epochs, double learningRate, double weightDecay) {
        return stage("lws", "LWS", epochs, learningRate, weightDecay);
    }

    /**
     * BALMS as the reference's CIFAR configuration runs it ({@code config/CIFAR10_LT/balms_*.yaml}
     * of BalancedMetaSoftmax-Classification): 84 epochs of batches of 512 (2,016 steps on
     * CIFAR-10-LT at imbalance 100, the configuration's 2,000 iterations rounded up to whole
     * epochs), learning rate 0.1 annealed by a cosine to 0, weight decay 5e-4, and the meta sampler
     * on Adam at 0.01 with meta batches of 512, starting instance-balanced ({@code init_pow} 0; the
     * ImageNet-LT configuration uses 0.1).
     */
    public static TrickSpec balancedMetaSoftmax() {
        return balancedMetaSoftmax(84, 512, 0.1, 5e-4, 0.01, 512, 0.0);
    }

    /**
     * Balanced Meta-Softmax's decoupled stage (Ren et al., NeurIPS 2020): a re-initialised linear
     * classifier trained with balanced softmax on frozen features, on batches drawn by a meta
     * sampler whose per-class sampling weights learn, by one differentiable step of the
     * classifier's own optimizer per batch (SGD with heavy-ball momentum 0.9), to lower the
     * cross-entropy of a class-balanced meta batch.
     *
     * @param epochs           the stage's epochs (scaled with the run like cRT's)
     * @param batchSize        images per batch the meta sampler draws for the classifier
     * @param learningRate     the classifier's base learning rate, annealed by a cosine to 0
     * @param weightDecay      the classifier's weight decay
     * @param metaLearningRate Adam's learning rate for the sampler's per-class logits
     * @param metaBatchSize    images per class-balanced meta batch
     * @param initPower        initial per-image weights (n_c / N)^-initPower: 0 starts
     *                         instance-balanced, 1 class-balanced
     */
    public static TrickSpec balancedMetaSoftmax(int epochs, int batchSize, double learningRate, double weightDecay,
            double metaLearningRate, int metaBatchSize, double initPower) {
        Map<String, Object> parameters = new LinkedHashMap<>(stage("balms", "BALMS", epochs, learningRate, weightDecay)
                .parameters());
        parameters.put("batchSize", positiveCount("BALMS", "batchSize", batchSize));
        parameters.put("metaLearningRate", positive("BALMS", "metaLearningRate", metaLearningRate));
        parameters.put("metaBatchSize", positiveCount("BALMS", "metaBatchSize", metaBatchSize));
        parameters.put("initPower", inClosedRange("BALMS", "initPower", initPower, 0, 1));
        return new TrickSpec(FAMILY, "balms", parameters);
    }

    /** tau-normalisation with tau 1. */
    public static TrickSpec tauNormalisation() {
        return tauNormalisation(1.0);
    }

    /**
     * tau-normalisation: classifier row w_c replaced by w_c / ||w_c||^tau, no training. The bias
     * is kept, as BagofTricks-LT does (Kang et al.'s code scores without it).
     */
    public static TrickSpec tauNormalisation(double tau) {
        return new TrickSpec(FAMILY, "tau-norm", Map.of("tau", atLeast("tau-norm", "tau", tau, 0)));
    }

    /** Post-hoc logit adjustment with tau 1. */
    public static TrickSpec logitAdjustment() {
        return logitAdjustment(1.0);
    }

    /**
     * Post-hoc logit adjustment (Menon et al., ICLR 2021): after training, every class score
     * becomes z_c - tau log pi_c, pi_c = n_c / N the training label prior; done by moving the
     * classifier's bias, no training, no data.
     */
    public static TrickSpec logitAdjustment(double tau) {
        return new TrickSpec(FAMILY, "logit-adjustment", Map.of("tau", atLeast("logit-adjustment", "tau", tau, 0)));
    }

    private static TrickSpec stage(String name, String label, int epochs, double learningRate, double weightDecay) {
        return new TrickSpec(FAMILY, name, Map.of("epochs", positiveCount(label, "epochs", epochs),
                "learningRate", positive(label, "learningRate", learningRate),
                "weightDecay", atLeast(label, "weightDecay", weightDecay, 0)));
    }
}
