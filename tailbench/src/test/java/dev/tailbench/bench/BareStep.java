package dev.tailbench.bench;

import java.util.ArrayList;
import java.util.List;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import dev.tailbench.data.DatasetInfo;
import dev.tailbench.model.Backbones;
import dev.tailbench.run.NativeEngine;
import dev.tailbench.tricks.loss.CrossEntropyLoss;
import dev.tailbench.train.NesterovSgd;

/**
 * The trainer's step without the trainer: same engine settings, model construction, loss,
 * optimizer and per-batch scope as {@code Training}, on one fixed batch made once. Used by the
 * {@code djl-bare} mode of {@link TrainerThroughput} and by {@link OpProfile}.
 */
final class BareStep implements AutoCloseable {

    private final Engine engine;
    private final Model model;
    private final Block network;
    private final NDManager manager;
    private final List<Parameter> trainable = new ArrayList<>();
    private final NesterovSgd optimizer;
    private final ParameterStore store;
    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private final NDArray images;
    private final NDArray labels;
    private final long parameters;

    BareStep(BenchWorkload workload, NativeEngine nativeEngine, int batch) {
        engine = nativeEngine.engine();
        engine.setRandomSeed(1);
        DatasetInfo info = workload.info();
        model = Model.newInstance("djl-bare", nativeEngine.device(), "PyTorch");
        network = Backbones.create(workload.backbone(), info.channels(), info.classCount());
        model.setBlock(network);
        manager = model.getNDManager();
        network.initialize(manager, DataType.FLOAT32, new Shape(1, info.channels(), info.height(), info.width()));
        for (Pair<String, Parameter> entry : network.getParameters()) {
            if (entry.getValue().requiresGradient()) {
                entry.getValue().getArray().setRequiresGradient(true);
                trainable.add(entry.getValue());
            }
        }
        parameters = Backbones.trainableParameterCount(network);
        optimizer = NesterovSgd.builder().setLearningRate(0.1f).optMomentum(0.9f).optWeightDecays(2e-4f).build();
        store = new ParameterStore(manager, false);
        // The fixed batch: normalised-looking floats and int64 labels.
        images = manager.randomNormal(new Shape(batch, info.channels(), info.height(), info.width()));
        labels = manager.randomInteger(0, 10, new Shape(batch), DataType.INT64);
    }

    /** One step: forward, loss, backward, update, and the trainer's one loss read per batch. */
    void step() {
        try (NDManager scope = manager.newSubManager()) {
            // An op's result goes on its first input's manager: copies of the fixed batch on the
            // scope keep every activation there, freed with the scope, as in the trainer (a
            // 0.4-1.5 MB memcpy, negligible next to a step).
            NDArray x = images.duplicate();
            x.attach(scope);
            NDArray y = labels.duplicate();
            y.attach(scope);
            NDArray value;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray logits = network.forward(store, new NDList(x), true).singletonOrThrow();
                value = loss.evaluate(logits, y);
                collector.backward(value);
            }
            for (Parameter parameter : trainable) {
                NDArray weight = parameter.getArray();
                try (NDArray gradient = weight.getGradient()) {
                    optimizer.update(parameter.getId(), weight, gradient);
                }
            }
            value.getFloat();
        }
    }

    /** Arrays on the model's manager: constant after the first step, when the optimizer's state exists. */
    int managedArrays() {
        return manager.getManagedArrays().size();
    }

    long parameters() {
        return parameters;
    }

    String libtorch() {
        return engine.getVersion();
    }

    @Override
    public void close() {
        model.close();
    }
}
