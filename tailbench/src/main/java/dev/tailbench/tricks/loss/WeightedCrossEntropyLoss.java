package dev.tailbench.tricks.loss;

import ai.djl.ndarray.NDArray;

/**
 * Softmax cross-entropy with class weights, reduced as PyTorch's {@code cross_entropy(weight = w)}:
 * the weighted mean sum_i w_yi l_i / sum_i w_yi. Sample i's share is therefore
 * N w_yi l_i / sum_j w_yj, so that the mean of the shares is that weighted mean. Used by the
 * cost-sensitive and class-balanced cross-entropies and, on its own margins and scale, by LDAM.
 */
public final class WeightedCrossEntropyLoss implements LossFunction {

    private final String name;
    private final double[] classWeights;
    private final CrossEntropyLoss crossEntropy = new CrossEntropyLoss();

    /**
     * @param name         the loss's name, for error messages
     * @param classWeights w_c, one per class, positive
     */
    public WeightedCrossEntropyLoss(String name, double[] classWeights) {
        this.name = name;
        this.classWeights = ClassVectors.positiveWeights(name, classWeights);
    }

    /** Cost-sensitive cross-entropy ("CS_CE"): weights (n_min / n_c)^gamma. */
    public static WeightedCrossEntropyLoss costSensitive(int[] classCounts, double gamma) {
        return new WeightedCrossEntropyLoss("cost-sensitive", ClassWeights.costSensitive("cost-sensitive", classCounts, gamma));
    }

    /** Class-balanced cross-entropy: weights (1 - beta) / (1 - beta^n_c), summing to C. */
    public static WeightedCrossEntropyLoss classBalanced(int[] classCounts, double beta) {
        return new WeightedCrossEntropyLoss("class-balanced", ClassWeights.classBalanced("class-balanced", classCounts, beta));
    }

    /** The class weights w_c (a copy). */
    public double[] classWeights() {
        return ClassVectors.copy(classWeights);
    }

    @Override
    public NDArray perSample(NDArray logits, NDArray labels) {
        NDArray sampleWeights = ClassVectors.ofLabels(name, logits, classWeights, labels);
        long batchSize = logits.getShape().get(0);
        // Depends on the labels only, so the normaliser carries no gradient, as in PyTorch.
        NDArray normaliser = sampleWeights.sum().div(batchSize);
        return crossEntropy.perSample(logits, labels).mul(sampleWeights).div(normaliser);
    }
}
