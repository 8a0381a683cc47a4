package dev.tailbench.tricks.rebalance;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import dev.tailbench.model.Backbone;

/**
 * cRT: the Linear head is re-initialised and trained on the frozen features.
 *
 * <p>The new weights come from the head's own initialisers, i.e. those {@link Backbone} set:
 * uniform in +-1/sqrt(fan_in) for weight and bias, as the plain {@code nn.Linear} that
 * BagofTricks-LT re-creates for the stage starts.
 */
final class RetrainedHead implements StageHead {

    private final Backbone network;
    private final LinearHead head;

    /**
     * Re-initialises the network's head.
     *
     * @param network the trained network
     * @param stage   manager for the stage's temporaries
     */
    RetrainedHead(Backbone network, NDManager stage) {
        this.network = network;
        head = LinearHead.of(network);
        WithoutGradient.change(head.pytorch(), () -> {
            reinitialise(head.weight(), stage);
            reinitialise(head.bias(), stage);
        });
        for (NDArray array : trainable().values()) {
            if (!array.hasGradient()) {
                array.setRequiresGradient(true);
            }
        }
    }

    private static void reinitialise(Parameter parameter, NDManager stage) {
        NDArray array = parameter.getArray();
        try (NDArray fresh = parameter.getInitializer().initialize(stage, array.getShape(), array.getDataType())) {
            InPlace.copy(fresh, array);
        }
    }

    @Override
    public NDArray frozen(NDArray pooled, ParameterStore parameters) {
        return pooled;
    }

    @Override
    public NDArray logits(NDArray frozen, ParameterStore parameters) {
        return network.classifier().forward(parameters, new NDList(frozen), true).singletonOrThrow();
    }

    @Override
    public Map<String, NDArray> trainable() {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        arrays.put(head.weight().getId(), head.weightArray());
        arrays.put(head.bias().getId(), head.biasArray());
        return arrays;
    }

    /** The trained head is the network's head already. */
    @Override
    public void publish() {
    }

    @Override
    public void withdraw() {
    }

    @Override
    public void close() {
    }
}
