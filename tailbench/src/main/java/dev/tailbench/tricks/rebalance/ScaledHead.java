package dev.tailbench.tricks.rebalance;

import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import dev.tailbench.model.Backbone;

/**
 * LWS: one learned scale per class multiplies the frozen classifier's logits, {@code z_c = s_c
 * (w_c x + b_c)}, as BagofTricks-LT's {@code LWS} module and Kang et al.'s
 * {@code TauNormClassifier} do ({@code x = self.fc(x); x *= self.scales}); the scales start at 1
 * and get the stage's weight decay like any other trained parameter.
 *
 * <p>Because the scale multiplies the bias too, folding it into the head ({@code w_c <- s_c w_c},
 * {@code b_c <- s_c b_c}) gives the same logits up to float rounding, so the network's plain forward
 * pass evaluates the scaled head: {@link #publish} folds a copy for the epoch's evaluation,
 * {@link #withdraw} restores the unscaled head bit for bit, {@link #close} folds for good.
 */
final class ScaledHead implements StageHead {

    /** Momentum-buffer id of the scales. */
    static final String SCALES_ID = "lws.scales";

    private final Backbone network;
    private final LinearHead head;
    private final NDManager stage;
    private final NDArray scales;
    private NDArray savedWeight;
    private NDArray savedBias;

    /**
     * Starts every scale at 1.
     *
     * @param network the trained network
     * @param stage   manager of the scales, closed after the stage
     */
    ScaledHead(Backbone network, NDManager stage) {
        this.network = network;
        this.stage = stage;
        head = LinearHead.of(network);
        scales = stage.ones(new Shape(head.biasArray().getShape().get(0)), head.weightArray().getDataType());
        scales.setRequiresGradient(true);
    }

    /** @return the current scales, one per class (the stage's array: do not close) */
    NDArray scales() {
        return scales;
    }

    @Override
    public NDArray frozen(NDArray pooled, ParameterStore parameters) {
        return network.classifier().forward(parameters, new NDList(pooled), false).singletonOrThrow();
    }

    @Override
    public NDArray logits(NDArray frozen, ParameterStore parameters) {
        return frozen.mul(scales);
    }

    @Override
    public Map<String, NDArray> trainable() {
        return Map.of(SCALES_ID, scales);
    }

    @Override
    public void publish() {
        if (savedWeight != null) {
            throw new IllegalStateException("the scales are published already");
        }
        WithoutGradient.change(head.pytorch(), () -> {
            savedWeight = head.weightArray().duplicate();
            savedWeight.attach(stage);
            savedBias = head.biasArray().duplicate();
            savedBias.attach(stage);
        });
        fold();
    }

    @Override
    public void withdraw() {
        if (savedWeight == null) {
            throw new IllegalStateException("the scales are not published");
        }
        WithoutGradient.change(head.pytorch(), () -> {
            InPlace.copy(savedWeight, head.weightArray());
            InPlace.copy(savedBias, head.biasArray());
        });
        savedWeight.close();
        savedBias.close();
        savedWeight = null;
        savedBias = null;
    }

    /** Folds the scales into the head for good, unless they are published (then they are folded already). */
    @Override
    public void close() {
        if (savedWeight == null) {
            fold();
        }
        else {
            savedWeight.close();
            savedBias.close();
            savedWeight = null;
            savedBias = null;
        }
    }

    private void fold() {
        WithoutGradient.change(head.pytorch(), () -> {
            try (NDArray rows = scales.reshape(-1, 1)) {
                head.weightArray().muli(rows);
            }
            head.biasArray().muli(scales);
        });
    }
}
