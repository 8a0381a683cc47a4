package dev.tailbench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;

import dev.tailbench.model.Backbone;
import dev.tailbench.tricks.loss.LossFunction;
import dev.tailbench.tricks.mixup.BatchObjective;

/**
 * A batch whose loss is NaN or infinite: the run stops there instead of training on garbage, and
 * the message says where (epoch, phase, batch) and which part went wrong: the network's logits
 * (diverged weights, too high a learning rate) or the loss of finite logits (a loss's own
 * numerics), with the labels of the samples whose share is not finite.
 */
final class NonFiniteLossException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int SAMPLES_SHOWN = 5;

    NonFiniteLossException(String message) {
        super(message);
    }

    /**
     * The message for a non-finite batch loss. The parts are measured again on the same batch
     * without mixup (a plain forward pass in evaluation mode would hide batch-norm overflows, so
     * it runs in training mode, without gradients).
     */
    static String describe(String run, int epoch, Phase phase, BatchObjective objective, int batch, int batches,
            float value, float learningRate, Backbone network, ParameterStore parameters, NDArray inputs,
            NDArray labels, LossFunction loss) {
        StringBuilder message = new StringBuilder(where(run, epoch, phase.name(), phase.tricks().get("loss"), objective,
                batch, batches, value, learningRate));
        try {
            NDArray logits = network.forward(parameters, new NDList(inputs), true).singletonOrThrow();
            long badLogits = nonFinite(logits);
            NDArray shares = loss.perSample(logits, labels);
            float[] shareValues = shares.toType(DataType.FLOAT32, false).toFloatArray();
            long[] labelValues = labels.toType(DataType.INT64, false).toLongArray();
            List<String> bad = new ArrayList<>();
            int badShares = 0;
            for (int i = 0; i < shareValues.length; i++) {
                if (!Float.isFinite(shareValues[i])) {
                    badShares++;
                    if (bad.size() < SAMPLES_SHOWN) {
                        bad.add("sample " + i + " (class " + labelValues[Math.min(i, labelValues.length - 1)] + "): "
                                + shareValues[i]);
                    }
                }
            }
            message.append(String.format(Locale.ROOT,
                    " Parts, measured again without mixup: logits %d of %d non-finite; per-sample loss %d of %d"
                            + " non-finite%s%s.", badLogits, logits.size(), badShares, shareValues.length,
                    bad.isEmpty() ? "" : " (" + String.join(", ", bad) + ")",
                    badLogits > 0 ? " - the network diverged (learning rate, initialisation)"
                            : badShares > 0 ? " - the loss is not finite on finite logits" : ""));
        }
        catch (RuntimeException e) {
            message.append(" (its parts could not be measured again: ").append(e).append(')');
        }
        message.append(STOPS);
        return message.toString();
    }

    /**
     * The message for a non-finite batch loss in a classifier stage (cRT, LWS, BALMS): the main
     * loop's first sentence; the loss there is the stage's on the head's logits of frozen features.
     */
    static String describeStage(String run, int epoch, String stage, Object loss, int batch, int batches, float value,
            double learningRate) {
        return where(run, epoch, stage, loss, "none", batch, batches, value, learningRate) + STOPS;
    }

    private static final String STOPS = " The run stops; the epochs before this one are kept in its result.";

    /** The first sentence of every non-finite loss message: which run, where, and with what. */
    private static String where(String run, int epoch, String phase, Object loss, Object mixup, int batch, int batches,
            float value, double learningRate) {
        return String.format(Locale.ROOT,
                "%s: the loss is %s at epoch %d (phase %s), batch %d of %d; learning rate %.6g; loss %s; mixup: %s.",
                run, Float.isNaN(value) ? "NaN" : value > 0 ? "+infinite" : "-infinite", epoch, phase, batch, batches,
                learningRate, loss, mixup);
    }

    private static long nonFinite(NDArray array) {
        try (NDArray finite = array.isInfinite().logicalOr(array.isNaN())) {
            return finite.toType(DataType.INT64, false).sum().getLong();
        }
    }
}
