package dev.tailbench.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

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
import dev.tailbench.api.Recipe;
import dev.tailbench.api.Samplers;
import dev.tailbench.api.TrickSpec;
import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.data.device.RandomCropFlip;
import dev.tailbench.metrics.ConfusionMatrix;
import dev.tailbench.metrics.ShotAccuracy;
import dev.tailbench.metrics.ShotThresholds;
import dev.tailbench.model.Backbones;
import dev.tailbench.model.CifarResNet;
import dev.tailbench.report.EpochRecord;
import dev.tailbench.report.ResultStore;
import dev.tailbench.report.RunResult;
import dev.tailbench.report.StageRecord;
import dev.tailbench.report.Top1Error;
import dev.tailbench.report.Verdict;
import dev.tailbench.spec.RunSpec;
import dev.tailbench.spec.Schedule;
import dev.tailbench.spec.Stages;
import dev.tailbench.train.NesterovSgd;
import dev.tailbench.tricks.Tricks;
import dev.tailbench.report.chart.CamExampleGrid;
import dev.tailbench.tricks.cam.CamSampling;
import dev.tailbench.tricks.cam.SyntheticImages;
import dev.tailbench.tricks.mixup.BatchObjective;
import dev.tailbench.tricks.rebalance.ClassifierStage;
import dev.tailbench.tricks.rebalance.EpochListener;
import dev.tailbench.tricks.sampling.EpochSampler;
import dev.tailbench.tricks.loss.LossFunction;

/**
 * Trains one run and evaluates it after every epoch. Every NDArray of a batch lives in a
 * sub-manager closed with the batch, so native memory stays flat across epochs; metrics become
 * Java numbers inside that scope.
 */
final class Training {

    // DJL keeps every intermediate of a forward pass until the scope closes, so the evaluation
    // batch sets the run's peak memory: on CIFAR-shaped data 1,000 images peaked at 5.1 GB,
    // 128 at 1.1 GB and 32 at 0.91 GB (docs/performance.md). Evaluation speed barely changes.
    private static final int EVALUATION_BATCH = 32;

    private final RunSpec spec;
    private final PreparedData data;
    private final NativeEngine nativeEngine;
    private final ShotThresholds thresholds;
    private final Progress progress;
    private final List<EpochRecord> curve = new ArrayList<>();
    private final String startedAt = Instant.now().toString();
    private final RunFiles files;
    private final List<StageRecord> stageRecords = new ArrayList<>();
    private int phaseStart;
    private ConfusionMatrix lastConfusion;
    private long trainableParameters;
    private double trainingSeconds;
    private long trainedImages;

    Training(RunSpec spec, PreparedData data, NativeEngine nativeEngine, ShotThresholds thresholds, Progress progress,
            RunFiles files) {
        this.spec = spec;
        this.files = files;
        this.data = data;
        this.nativeEngine = nativeEngine;
        this.thresholds = thresholds;
        this.progress = progress;
    }

    /** Trains all epochs; on failure the exception carries the result of the epochs that finished. */
    RunResult run() {
        try {
            train();
            return result(null);
        }
        catch (RuntimeException | Error e) {
            throw new TrainingFailedException(spec.label() + " failed after " + curve.size() + " of "
                    + Progress.plannedEpochs(spec) + " epochs: " + e, e,
                    result(new Verdict("error", curve.isEmpty() ? null : curve.get(curve.size() - 1).testError(),
                            String.valueOf(e))));
        }
    }

    private void train() {
        DatasetInfo info = data.info();
        Schedule schedule = spec.schedule();
        Stages stages = spec.stages();
        Recipe recipe = spec.recipe();
        int[] trainCounts = data.trainCounts();
        int[] trainLabels = data.trainLabels();
        RandomCropFlip augmentation = recipe.augmentation()
                ? new RandomCropFlip(info.defaultCropPadding(), true, info.mean(), info.std()) : null;
        // One random source for sampling and augmentation, independent of the device.
        SplittableRandom random = new SplittableRandom(spec.seed());
        Engine engine = nativeEngine.engine();
        engine.setRandomSeed((int) spec.seed());
        progress.started(spec, nativeEngine.device().toString(), trainLabels.length, data.testLabels().length);

        try (Model model = Model.newInstance(spec.label(), nativeEngine.device(), NativeEngine.ENGINE_NAME)) {
            // LDAM trains a cosine classifier; the head is part of the network from the start.
            CifarResNet network = Backbones.create(spec.backbone(), info.channels(), info.classCount(),
                    recipe.trainsCosineClassifier());
            model.setBlock(network);
            network.initialize(model.getNDManager(), DataType.FLOAT32,
                    new Shape(1, info.channels(), info.height(), info.width()));
            List<Parameter> trainable = new ArrayList<>();
            for (Pair<String, Parameter> entry : network.getParameters()) {
                if (entry.getValue().requiresGradient()) {
                    entry.getValue().getArray().setRequiresGradient(true);
                    trainable.add(entry.getValue());
                }
            }
            trainableParameters = Backbones.trainableParameterCount(network);
            NesterovSgd optimizer = NesterovSgd.builder()
                    .setLearningRate((float) schedule.learningRate(0))
                    .optMomentum((float) schedule.momentum())
                    .optWeightDecays((float) schedule.weightDecay())
                    .build();
            ParameterStore parameters = new ParameterStore(model.getNDManager(), false);

            Phase phase = Phase.first(recipe, trainLabels, trainCounts, schedule.epochs(), stages.mixupEpochs());
            phaseStart = 0;
            DeviceImages images = data.train();
            DeviceImages enlarged = null;
            Map<String, Object> phaseDetails = Map.of();
            long runStart = System.nanoTime();
            try {
                for (int epoch = 0; epoch < schedule.epochs(); epoch++) {
                    if (recipe.isTwoStage() && epoch == stages.deferralEpoch()) {
                        closePhase(phase, epoch, handOff(network, phase.name()), phaseDetails);
                        int[] labels = trainLabels;
                        phaseDetails = Map.of();
                        if (Phase.generates(recipe)) {
                            try (SyntheticImages synthetic = CamSampling.generate(network, parameters, data.train(),
                                    trainLabels, trainCounts, recipe.deferredSampler(), random, model.getNDManager())) {
                                enlarged = data.train().withExtra(synthetic.images(), synthetic.labels());
                                labels = synthetic.appendedTo(trainLabels);
                                phaseDetails = generationDetails(synthetic, examplesImage(synthetic));
                            }
                            images = enlarged;
                        }
                        phase = Phase.deferred(recipe, labels, counts(labels, info.classCount()), schedule.epochs(),
                                stages.mixupEpochs());
                    }
                    long epochStart = System.nanoTime();
                    double learningRate = schedule.learningRate(epoch);
                    optimizer.setLearningRate((float) learningRate);
                    int[] order = phase.sampler().epoch(epoch, random);
                    BatchObjective objective = epoch < stages.mixupEpochs() ? phase.mixup() : Phase.NO_MIXUP;
                    double meanLoss = trainEpoch(model, network, parameters, trainable, optimizer, engine, images,
                            order, phase.loss(), objective, augmentation, random);
                    double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
                    trainingSeconds += trainSeconds;
                    trainedImages += order.length;
                    lastConfusion = evaluate(network, parameters, model.getNDManager());
                    EpochRecord record = new EpochRecord(epoch + 1, phase.name(), meanLoss, lastConfusion.top1Error(),
                            learningRate, (System.nanoTime() - epochStart) / 1e9, order.length / trainSeconds,
                            ResidentMemory.currentMb());
                    curve.add(record);
                    progress.epoch(spec, record, (System.nanoTime() - runStart) / 1e9);
                }
                if (recipe.rebalancing() == null) {
                    closePhase(phase, schedule.epochs(), null, phaseDetails);
                }
                else {
                    closePhase(phase, schedule.epochs(), handOff(network, phase.name()), phaseDetails);
                    rebalance(network, parameters, model.getNDManager(), images, phase.labels(), augmentation, random,
                            runStart);
                }
            }
            finally {
                if (enlarged != null) {
                    enlarged.close();
                }
            }
        }
    }

    /** Trains one epoch over {@code order}; returns the mean batch loss. */
    private double trainEpoch(Model model, CifarResNet network, ParameterStore parameters, List<Parameter> trainable,
            NesterovSgd optimizer, Engine engine, DeviceImages images, int[] order, LossFunction loss,
            BatchObjective objective, RandomCropFlip augmentation, SplittableRandom random) {
        int batchSize = spec.schedule().batchSize();
        int batches = 0;
        // The epoch's loss is summed on the device and read once: reading it every batch would
        // wait for the device after every step.
        try (NDManager epochScope = model.getNDManager().newSubManager()) {
            NDArray lossTotal = epochScope.zeros(new Shape());
            for (int start = 0; start < order.length; start += batchSize) {
                int[] indices = Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
                try (NDManager scope = model.getNDManager().newSubManager()) {
                    NDList batch = images.batch(indices, scope);
                    NDArray inputs = augmentation == null ? batch.get(0) : augmentation.apply(batch.get(0), random);
                    NDArray value;
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        value = objective.loss(network, parameters, inputs, batch.get(1), loss, random);
                        collector.backward(value);
                    }
                    for (Parameter parameter : trainable) {
                        NDArray weight = parameter.getArray();
                        try (NDArray gradient = weight.getGradient()) {
                            optimizer.update(parameter.getId(), weight, gradient);
                        }
                    }
                    lossTotal.addi(value);
                    batches++;
                }
            }
            return lossTotal.getFloat() / Math.max(1, batches);
        }
    }

    /**
     * Saves the parameters a later phase starts from, so that the hand-off is on disk and can be
     * checked: the result records the file and its SHA-256.
     */
    private RunFiles.Saved handOff(Block network, String phaseName) {
        return files.saveCheckpoint(spec, phaseName, network);
    }

    /**
     * Classifier re-balancing after representation learning: cRT or LWS train the head for their
     * own epochs on class-balanced batches (each epoch evaluated and recorded, numbered after the
     * main epochs), BALMS likewise on batches its meta sampler draws; tau-normalisation and post-hoc
     * logit adjustment change it once and are evaluated once.
     */
    private void rebalance(CifarResNet network, ParameterStore parameters, NDManager manager, DeviceImages images,
            int[] labels, RandomCropFlip augmentation, SplittableRandom random, long runStart) {
        TrickSpec declared = this.spec.recipe().rebalancing();
        // The stage's epochs were scaled with the run at discovery (tailbench.epochs shortens it too).
        TrickSpec spec = declared.parameters().containsKey("epochs")
                ? withEpochs(declared, this.spec.stages().rebalancingEpochs()) : declared;
        ClassifierStage stage = ClassifierStage.of(spec, this.spec.schedule().batchSize(),
                counts(labels, data.info().classCount()));
        int epochs = stage.epochs();
        int firstEpoch = curve.size() + 1;
        Map<String, Object> tricks = new LinkedHashMap<>();
        tricks.put("rebalancing", spec);
        tricks.put("epochs", epochs);
        if (epochs == 0) {
            long start = System.nanoTime();
            stage.run(network, parameters, images, null, augmentation, random, EpochListener.NONE);
            lastConfusion = evaluate(network, parameters, manager);
            EpochRecord record = new EpochRecord(firstEpoch, spec.name(), 0, lastConfusion.top1Error(), 0,
                    (System.nanoTime() - start) / 1e9, 0, ResidentMemory.currentMb());
            curve.add(record);
            progress.epoch(this.spec, record, (System.nanoTime() - runStart) / 1e9);
        }
        else {
            tricks.put("sampler", stage.sampler());
            int[] counts = counts(labels, data.info().classCount());
            EpochSampler balanced = Tricks.sampler(Samplers.classBalanced(), labels, counts, epochs);
            stage.run(network, parameters, images, balanced, augmentation, random, epoch -> {
                long start = System.nanoTime();
                lastConfusion = evaluate(network, parameters, manager);
                trainingSeconds += epoch.seconds();
                trainedImages += epoch.images();
                EpochRecord record = new EpochRecord(firstEpoch + epoch.epoch(), spec.name(), epoch.meanLoss(),
                        lastConfusion.top1Error(), epoch.learningRate(), epoch.seconds() + (System.nanoTime() - start) / 1e9,
                        epoch.images() / epoch.seconds(), ResidentMemory.currentMb());
                curve.add(record);
                progress.epoch(this.spec, record, (System.nanoTime() - runStart) / 1e9);
            });
        }
        stageRecords.add(new StageRecord(spec.name(), firstEpoch, curve.size(), tricks, null, null, stage.details()));
    }

    /** The spec with its epochs replaced by the scaled ones. */
    private static TrickSpec withEpochs(TrickSpec spec, int epochs) {
        Map<String, Object> parameters = new LinkedHashMap<>(spec.parameters());
        parameters.put("epochs", epochs);
        return new TrickSpec(spec.family(), spec.name(), parameters);
    }

    private static int[] counts(int[] labels, int classCount) {
        int[] counts = new int[classCount];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    private static Map<String, Object> generationDetails(SyntheticImages synthetic, RunFiles.Saved examples) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("generatedImages", synthetic.size());
        details.put("generatedPerClass", synthetic.perClass());
        details.put("generatedPerTransform", synthetic.perKind());
        if (examples != null) {
            details.put(StageRecord.EXAMPLES_IMAGE, examples.relativePath());
        }
        return details;
    }

    /**
     * Writes the grid of original / CAM / mask / generated examples when the images are made, so
     * that it is kept whatever happens to the rest of the run.
     */
    private RunFiles.Saved examplesImage(SyntheticImages synthetic) {
        byte[] png = CamExampleGrid.png(synthetic.examples(), data.info().classNames(),
                spec.label() + ": " + spec.recipe().deferredSampler().name() + " examples, first image of each class");
        return png == null ? null : files.save(spec, "cam-examples.png", png, "CAM examples image");
    }

    private void closePhase(Phase phase, int endEpoch, RunFiles.Saved checkpoint, Map<String, Object> details) {
        stageRecords.add(new StageRecord(phase.name(), phaseStart + 1, endEpoch, phase.tricks(),
                checkpoint == null ? null : checkpoint.relativePath(), checkpoint == null ? null : checkpoint.sha256(),
                details));
        phaseStart = endEpoch;
    }

    private ConfusionMatrix evaluate(Block network, ParameterStore parameters, NDManager manager) {
        ConfusionMatrix confusion = new ConfusionMatrix(data.info().classCount());
        int[] labels = data.testLabels();
        for (int start = 0; start < labels.length; start += EVALUATION_BATCH) {
            int first = start;
            int[] indices = new int[Math.min(EVALUATION_BATCH, labels.length - start)];
            Arrays.setAll(indices, i -> first + i);
            try (NDManager scope = manager.newSubManager()) {
                NDList batch = data.test().batch(indices, scope);
                NDArray logits = network.forward(parameters, new NDList(batch.get(0)), false).singletonOrThrow();
                int[] predictions = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                confusion.add(Arrays.copyOfRange(labels, start, start + indices.length), predictions);
            }
        }
        return confusion;
    }

    private RunResult result(Verdict verdict) {
        Top1Error top1 = null;
        if (!curve.isEmpty()) {
            EpochRecord best = curve.stream().min((a, b) -> Double.compare(a.testError(), b.testError())).orElseThrow();
            top1 = new Top1Error(best.testError(), best.epoch(), curve.get(curve.size() - 1).testError());
        }
        int[] trainCounts = data.trainCounts();
        return new RunResult(RunResult.SCHEMA, spec.experimentName(), spec.experiment(), spec.combination(), spec.seed(),
                ResultStore.fingerprint(spec), spec.recipe().describe(), data.record(), spec.backbone(),
                trainableParameters, spec.schedule(), spec.recipe().augmentation(), List.copyOf(stageRecords),
                nativeEngine.deviceRecord(),
                VersionInfo.of(nativeEngine.engine()), Progress.plannedEpochs(spec), curve.size(), List.copyOf(curve), top1,
                lastConfusion == null ? null : lastConfusion.perClassAccuracy(),
                lastConfusion == null ? null : lastConfusion.counts(),
                lastConfusion == null ? null : ShotAccuracy.of(lastConfusion, trainCounts, thresholds),
                trainingSeconds == 0 ? 0 : trainedImages / trainingSeconds, trainingSeconds, startedAt,
                Instant.now().toString(), null, verdict);
    }
}
