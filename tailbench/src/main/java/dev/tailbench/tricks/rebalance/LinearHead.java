package dev.tailbench.tricks.rebalance;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;

import dev.tailbench.model.Backbone;

/**
 * The weight (classes x features) and bias (classes) of a network's Linear classifier.
 *
 * @param weight the weight parameter
 * @param bias   the bias parameter
 */
record LinearHead(Parameter weight, Parameter bias) {

    /** The head of an initialised network. */
    static LinearHead of(Backbone network) {
        PairList<String, Parameter> parameters = network.classifier().getParameters();
        Parameter weight = parameters.get("weight");
        Parameter bias = parameters.get("bias");
        if (weight == null || bias == null || !weight.isInitialized() || !bias.isInitialized()) {
            throw new IllegalStateException("the classifier of " + network
                    + " needs an initialised weight and bias, found " + parameters.keys());
        }
        return new LinearHead(weight, bias);
    }

    NDArray weightArray() {
        return weight.getArray();
    }

    NDArray biasArray() {
        return bias.getArray();
    }

    /** Whether the head's arrays belong to the PyTorch engine. */
    boolean pytorch() {
        return WithoutGradient.isPyTorch(weightArray());
    }
}
