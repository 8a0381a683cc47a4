package dev.tailbench.tricks.loss;

import ai.djl.ndarray.NDArray;

/**
 * Class-dependent temperatures (Ye et al. 2020): the logit of class c is divided by
 * a_c = (n_max / n_c)^gamma before the cross-entropy, so that rare classes, whose features
 * deviate more at test time, must win by a larger raw margin during training.
 */
public final class ClassDependentTemperatureLoss implements LossFunction {

    private static final String NAME = "cdt";

    private final double[] temperatures;
    private final CrossEntropyLoss crossEntropy = new CrossEntropyLoss();

    /** @param temperatures a_c per class, positive */
    public ClassDependentTemperatureLoss(double[] temperatures) {
        for (int c = 0; c < temperatures.length; c++) {
            if (!(temperatures[c] > 0) || Double.isInfinite(temperatures[c])) {
                throw new IllegalArgumentException(NAME + ": the temperature of class " + c
                        + " must be finite and > 0, got " + temperatures[c]);
            }
        }
        this.temperatures = ClassVectors.copy(temperatures);
    }

    /**
     * The temperatures a_c = (n_max / n_c)^gamma.
     *
     * @param classCounts n_c, every one at least 1
     * @param gamma       at least 0
     */
    public static ClassDependentTemperatureLoss fromCounts(int[] classCounts, double gamma) {
        ClassCounts.requirePositive(NAME, classCounts);
        double largest = ClassCounts.max(classCounts);
        double[] temperatures = new double[classCounts.length];
        for (int c = 0; c < temperatures.length; c++) {
            temperatures[c] = Math.pow(largest / classCounts[c], gamma);
        }
        return new ClassDependentTemperatureLoss(temperatures);
    }

    /** The temperatures a_c (a copy). */
    public double[] temperatures() {
        return ClassVectors.copy(temperatures);
    }

    @Override
    public NDArray perSample(NDArray logits, NDArray labels) {
        return crossEntropy.perSample(logits.div(ClassVectors.row(NAME, logits, temperatures)), labels);
    }
}
