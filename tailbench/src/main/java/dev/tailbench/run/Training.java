package dev.tailbench.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Comparator;
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
import dev.tailbench.model.Backbone;
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
import dev.tailbench.train.ResumableState;
import dev.tailbench.tricks.Tricks;
import dev.tailbench.report.chart.CamExampleGrid;
import dev.tailbench.tricks.cam.CamSampling;
import dev.tailbench.tricks.cam.SyntheticImages;
import dev.tailbench.tricks.mixup.BatchObjective;
import dev.tailbench.tricks.rebalance.ClassifierStage;
import dev.tailbench.tricks.rebalance.EpochListener;
import dev.tailbench.tricks.rebalance.StageEpoch;
import dev.tailbench.tricks.sampling.ClassWeightedSampler;
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
    private final RunFiles files;
    private final ResumePoints resumePoints;
    private final int checkpointInterval;
    private final boolean resume;
    private final SharedEpochs shared;
    private final List<StageRecord> stageRecords = new ArrayList<>();
    private int phaseStart;
    private ConfusionMatrix lastConfusion;
    private long trainableParameters;
    private double trainingSeconds;
    private long trainedImages;
    /** The run's epoch the validation split selects so far (lowest validation error, earliest), 0: none. */
    private int selectedEpoch;
    private double selectedValidationError = Double.POSITIVE_INFINITY;
    /** The network's parameters after {@link #selectedEpoch}, for the stages that start from it. */
    private byte[] selectedParameters;

    private String startedAt = Instant.now().toString();

    /**
     * @param checkpointInterval epochs between checkpoints, 0 for none
     * @param resume             whether to continue from the run's checkpoint when there is one
     * @param shared             the first epochs this run shares with others of the execution
     */
    Training(RunSpec spec, PreparedData data, NativeEngine nativeEngine, ShotThresholds thresholds, Progress progress,
            RunFiles files, ResumePoints resumePoints, int checkpointInterval, boolean resume, SharedEpochs shared) {
        this.spec = spec;
        this.shared = shared;
        this.files = files;
        this.resumePoints = resumePoints;
        this.checkpointInterval = checkpointInterval;
        this.resume = resume;
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
        Engine engine = nativeEngine.engine();
        // Initial weights from the run's seed; every epoch then reseeds (EpochRandom).
        engine.setRandomSeed((int) spec.seed());
        ResumePoints.ResumePoint resumePoint = resume ? resumePoints.load(spec) : null;
        progress.started(spec, nativeEngine.device().toString(), trainLabels.length, data.testLabels().length);
        Map<String, Object> runtime = SharedEpochs.runtime(nativeEngine);
        SharedEpochs.Start sharedStart = resumePoint != null ? null
                : shared.latest(spec, runtime, progress::warning).orElse(null);

        try (Model model = Model.newInstance(spec.label(), nativeEngine.device(), NativeEngine.ENGINE_NAME)) {
            // LDAM trains a cosine classifier; the head is part of the network from the start.
            Backbone network = Backbones.create(spec.backbone(), info.channels(), info.classCount(),
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
            int firstEpoch = 0;
            try {
                if (sharedStart != null) {
                    // Another run trained these epochs with everything that decides them alike
                    // (SharedFirstStages): continue from its state, as a resumed run would.
                    firstEpoch = sharedStart.epochs();
                    adoptShared(sharedStart, phase.name());
                    restoreState(sharedStart.point(), network, model.getNDManager(), trainable, optimizer,
                            phase.loss());
                    parameters = new ParameterStore(model.getNDManager(), false);
                    phaseDetails = sharedDetails(sharedStart);
                    progress.shared(spec, sharedStart.epochs(), sharedStart.producer(), sharedStart.file());
                }
                else if (resumePoint != null) {
                    firstEpoch = resumePoint.nextEpoch();
                    restoreRecords(resumePoint.records());
                    restoreSelected(resumePoint.selected());
                    if (recipe.isTwoStage() && firstEpoch > stages.deferralEpoch()) {
                        // The deferred phase began before the checkpoint: build it again as it was
                        // built then, from the first phase's hand-off and the deferral epoch's draws.
                        if (Phase.generates(recipe)) {
                            loadHandOff(network, model.getNDManager());
                        }
                        engine.setRandomSeed(EpochRandom.engineSeed(spec.seed(), stages.deferralEpoch()));
                        DeferredPhase deferred = deferredPhase(network, parameters, model.getNDManager(),
                                EpochRandom.of(spec.seed(), stages.deferralEpoch()));
                        enlarged = deferred.enlarged();
                        images = enlarged == null ? images : enlarged;
                        phase = deferred.phase();
                        phaseDetails = deferred.details();
                    }
                    restoreState(resumePoint, network, model.getNDManager(), trainable, optimizer, phase.loss());
                    // A parameter store keeps the arrays it handed out; loading replaced them.
                    parameters = new ParameterStore(model.getNDManager(), false);
                    progress.resumed(spec, firstEpoch, resumePoints.path(spec));
                }
                for (int epoch = firstEpoch; epoch < schedule.epochs(); epoch++) {
                    // Each epoch's draws depend on the seed and the epoch only, so a resumed run
                    // draws what the uninterrupted one drew.
                    SplittableRandom random = EpochRandom.of(spec.seed(), epoch);
                    engine.setRandomSeed(EpochRandom.engineSeed(spec.seed(), epoch));
                    if (recipe.isTwoStage() && epoch == stages.deferralEpoch()) {
                        closePhase(phase, epoch, handOff(network, phase.name()), phaseDetails);
                        DeferredPhase deferred = deferredPhase(network, parameters, model.getNDManager(), random);
                        enlarged = deferred.enlarged();
                        images = enlarged == null ? images : enlarged;
                        phase = deferred.phase();
                        phaseDetails = deferred.details();
                    }
                    BatchObjective objective = epoch < stages.mixupEpochs() ? phase.mixup() : Phase.NO_MIXUP;
                    trainEpoch(epoch + 1, schedule, epoch, phase, objective, images, network, parameters, trainable,
                            optimizer, augmentation, random, model.getNDManager(), runStart);
                    keepIfSelected(network, curve.get(curve.size() - 1));
                    if (shared.wanted(spec, epoch + 1, runtime)) {
                        shared.save(spec, epoch + 1, runtime, resumePoint(epoch + 1, network, trainable, optimizer,
                                phase.loss()));
                    }
                    if (checkpointInterval > 0 && ((epoch + 1) % checkpointInterval == 0
                            || epoch + 1 == schedule.epochs())) {
                        saveResumePoint(epoch + 1, network, trainable, optimizer, phase.loss());
                    }
                }
                boolean laterStage = stages.fineTuningEpochs() > 0 || recipe.rebalancing() != null;
                closePhase(phase, schedule.epochs(), laterStage ? handOff(network, phase.name()) : null, phaseDetails);
                // The reference's fine-tuning stage and tau-norm load the model the run selected
                // (its best_model.pth); with a validation split tailbench's selection is that one.
                boolean fromSelected = stages.fineTuningEpochs() > 0
                        || (recipe.rebalancing() != null && recipe.rebalancing().name().equals("tau-norm"));
                String startsFrom = "last epoch";
                if (fromSelected && data.hasValidation()) {
                    startsFrom = loadSelected(network, model.getNDManager(), trainable);
                    parameters = new ParameterStore(model.getNDManager(), false);
                }
                if (stages.fineTuningEpochs() > 0) {
                    fineTune(network, parameters, trainable, engine, augmentation, model.getNDManager(), runStart,
                            startsFrom);
                }
                if (recipe.rebalancing() != null) {
                    int stageEpoch = schedule.epochs() + stages.fineTuningEpochs();
                    engine.setRandomSeed(EpochRandom.engineSeed(spec.seed(), stageEpoch));
                    rebalance(network, parameters, model.getNDManager(), augmentation,
                            EpochRandom.of(spec.seed(), stageEpoch), runStart,
                            stages.fineTuningEpochs() > 0 ? "last epoch" : startsFrom);
                }
            }
            finally {
                if (enlarged != null) {
                    enlarged.close();
                }
            }
        }
    }

    /**
     * Trains and evaluates one epoch and records it in the curve.
     *
     * @param runEpoch      the epoch's 1-based number in the run's curve
     * @param schedule      the schedule the epoch's learning rate comes from
     * @param scheduleEpoch the epoch's 0-based number in that schedule (and for its sampler)
     */
    private void trainEpoch(int runEpoch, Schedule schedule, int scheduleEpoch, Phase phase, BatchObjective objective,
            DeviceImages images, Backbone network, ParameterStore parameters, List<Parameter> trainable,
            NesterovSgd optimizer, RandomCropFlip augmentation, SplittableRandom random,
            NDManager manager, long runStart) {
        long epochStart = System.nanoTime();
        double learningRate = schedule.learningRate(scheduleEpoch);
        optimizer.setLearningRate((float) learningRate);
        int[] order = phase.sampler().epoch(scheduleEpoch, random);
        double meanLoss = new EpochLoop(manager, network, parameters, trainable, optimizer, schedule)
                .train(images, order, phase.loss(), objective, augmentation, random,
                        (batch, batches, value, inputs, labels) -> new NonFiniteLossException(
                                NonFiniteLossException.describe(spec.label(), runEpoch, phase, objective, batch,
                                        batches, value, optimizer.getLearningRate(), network, parameters, inputs, labels,
                                        phase.loss())));
        double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
        trainingSeconds += trainSeconds;
        // The last partial batch is dropped: count what the steps saw.
        int stepped = Math.min(order.length, schedule.trainingBatches(order.length) * schedule.batchSize());
        trainedImages += stepped;
        lastConfusion = evaluate(network, parameters, manager);
        EpochRecord record = new EpochRecord(runEpoch, phase.name(), meanLoss, lastConfusion.top1Error(),
                learningRate, (System.nanoTime() - epochStart) / 1e9, stepped / trainSeconds,
                ResidentMemory.currentMb(), objective != Phase.NO_MIXUP, order.length,
                validate(network, parameters, manager));
        curve.add(record);
        progress.epoch(spec, record, (System.nanoTime() - runStart) / 1e9);
    }

    /**
     * Fine-tuning without mixup as BagofTricks-LT's third stage: from the model the run selected
     * (its validation split's choice; without one the last epoch's), a new optimizer (no momentum carried over),
     * the stage's own schedule ({@link FineTuningSchedule}), class-balanced batches of the original
     * training set, no mixup. Its epochs are numbered after the run's and draw from their own
     * epoch streams; like the re-balancing stage it is not checkpointed within.
     */
    private void fineTune(Backbone network, ParameterStore parameters, List<Parameter> trainable, Engine engine,
            RandomCropFlip augmentation, NDManager manager, long runStart, String startsFrom) {
        Schedule run = spec.schedule();
        int epochs = spec.stages().fineTuningEpochs();
        Schedule stage = FineTuningSchedule.of(epochs, spec.recipe().fineTuning().parameter("learningRate"), run);
        Phase phase = Phase.fineTuning(spec.recipe(), data.trainLabels(), data.trainCounts(), epochs);
        NesterovSgd optimizer = NesterovSgd.builder()
                .setLearningRate((float) stage.learningRate(0))
                .optMomentum((float) stage.momentum())
                .optWeightDecays((float) stage.weightDecay())
                .build();
        int firstEpoch = curve.size() + 1;
        try {
            for (int epoch = 0; epoch < epochs; epoch++) {
                int runEpoch = run.epochs() + epoch;
                SplittableRandom random = EpochRandom.of(spec.seed(), runEpoch);
                engine.setRandomSeed(EpochRandom.engineSeed(spec.seed(), runEpoch));
                trainEpoch(curve.size() + 1, stage, epoch, phase, Phase.NO_MIXUP, data.train(), network, parameters,
                        trainable, optimizer, augmentation, random, manager, runStart);
            }
        }
        finally {
            optimizer.clearState();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("learningRates", curve.subList(firstEpoch - 1, curve.size()).stream()
                .map(EpochRecord::learningRate).toList());
        details.put("startsFrom", startsFrom);
        stageRecords.add(new StageRecord(phase.name(), firstEpoch, curve.size(), phase.tricks(), null, null, details));
        phaseStart = curve.size();
    }

    /**
     * The training set of a deferred phase: the original one, or, for CAM-based sampling and
     * ImageTrans, the original one enlarged with the images generated from the network as it is.
     *
     * @param enlarged       the enlarged set (to close with the run), {@code null} when nothing is generated
     * @param enlargedLabels the labels of the enlarged set (original ones first), {@code null} when
     *                       nothing is generated
     * @param details        what the generation records in the stage
     */
    private record DeferredSet(DeviceImages enlarged, int[] enlargedLabels, Map<String, Object> details) {
    }

    /**
     * The stage details with what the deferred sampler draws: images per epoch and, for a
     * class-weighted sampler, each class's probability in the stage's first epoch (for CAM-based
     * sampling computed on the original counts, as the reference does).
     */
    private static Map<String, Object> withSampling(Map<String, Object> details, Phase phase, int epoch) {
        if (!(phase.sampler() instanceof ClassWeightedSampler sampler)) {
            return details;
        }
        Map<String, Object> with = new LinkedHashMap<>(details);
        with.put("epochImages", sampler.epochLength());
        with.put("classProbabilities", sampler.classProbabilities(epoch));
        return with;
    }

    /**
     * The deferred phase as it begins at the deferral epoch, built the same way by a run that gets
     * there and by one resumed past it: its training set (generated from the network as it is, for
     * CAM-based sampling and ImageTrans), its tricks, and what its stage record says.
     *
     * @param random the deferral epoch's draws (the same stream the epoch then trains with)
     */
    private DeferredPhase deferredPhase(Backbone network, ParameterStore parameters, NDManager manager,
            SplittableRandom random) {
        Stages stages = spec.stages();
        DeferredSet set = deferredSet(network, parameters, manager, random);
        Phase phase = Phase.deferred(spec.recipe(), data.trainLabels(), data.trainCounts(), set.enlargedLabels(),
                stages.deferralEpoch(), spec.schedule().epochs(), stages.mixupEpochs());
        return new DeferredPhase(phase, set.enlarged(), withSampling(set.details(), phase, stages.deferralEpoch()));
    }

    /** A deferred phase, its enlarged training set ({@code null} when nothing was generated) and its details. */
    private record DeferredPhase(Phase phase, DeviceImages enlarged, Map<String, Object> details) {
    }

    private DeferredSet deferredSet(Backbone network, ParameterStore parameters, NDManager manager,
            SplittableRandom random) {
        int[] trainLabels = data.trainLabels();
        if (!Phase.generates(spec.recipe())) {
            return new DeferredSet(null, null, Map.of());
        }
        try (SyntheticImages synthetic = CamSampling.generate(network, parameters, data.train(), trainLabels,
                data.trainCounts(), spec.recipe().deferredSampler(), random, manager)) {
            return new DeferredSet(data.train().withExtra(synthetic.images(), synthetic.labels()),
                    synthetic.appendedTo(trainLabels), generationDetails(synthetic, examplesImage(synthetic)));
        }
    }

    /**
     * Writes the run's checkpoint after an epoch. A classifier re-balancing stage after the last
     * epoch is not checkpointed within: a resumed run trains it again from the last epoch's state.
     */
    private void saveResumePoint(int nextEpoch, Block network, List<Parameter> trainable, NesterovSgd optimizer,
            LossFunction loss) {
        resumePoints.save(spec, resumePoint(nextEpoch, network, trainable, optimizer, loss));
    }

    /** The run's state after an epoch: what a run continuing from it needs. */
    private ResumePoints.ResumePoint resumePoint(int nextEpoch, Block network, List<Parameter> trainable,
            NesterovSgd optimizer, LossFunction loss) {
        List<float[]> momentum = new ArrayList<>();
        for (Parameter parameter : trainable) {
            momentum.add(optimizer.momentum(parameter.getId(), parameter.getArray().getDevice()));
        }
        List<float[]> lossState = loss instanceof ResumableState state ? state.saveState() : List.of();
        return new ResumePoints.ResumePoint(nextEpoch, new ResumePoints.Records(List.copyOf(curve),
                List.copyOf(stageRecords), phaseStart, trainingSeconds, trainedImages, startedAt),
                NetworkBytes.of(network, "the parameters of " + spec.label() + " after epoch " + nextEpoch), momentum, lossState,
                selectedParameters == null ? null : new ResumePoints.Selected(selectedEpoch, selectedParameters));
    }

    /**
     * Takes over the records of a shared start: its curve (named after this run's first phase:
     * "main" and "first" are the same epochs), time and images; the run keeps its own start time.
     * The shared epochs end at the latest where this run's first phase does, so no stage has closed.
     */
    private void adoptShared(SharedEpochs.Start start, String firstPhase) {
        ResumePoints.Records records = start.point().records();
        if (!records.stages().isEmpty()) {
            throw new IllegalStateException("shared epochs " + start.file() + " record a closed stage");
        }
        for (EpochRecord point : records.curve()) {
            curve.add(new EpochRecord(point.epoch(), firstPhase, point.trainLoss(), point.testError(),
                    point.learningRate(), point.seconds(), point.imagesPerSecond(), point.residentMb(), point.mixup(),
                    point.images(), point.validationError()));
        }
        restoreSelected(start.point().selected());
        trainingSeconds = records.trainingSeconds();
        trainedImages = records.trainedImages();
    }

    /** The first stage's record says which epochs another run trained, and where they came from. */
    private static Map<String, Object> sharedDetails(SharedEpochs.Start start) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sharedEpochs", start.epochs());
        details.put("sharedFrom", start.producer());
        details.put("sharedFile", start.relative());
        return details;
    }

    private void restoreSelected(ResumePoints.Selected selected) {
        if (selected != null) {
            selectedParameters = selected.parameters();
            selectedEpoch = selected.epoch();
            selectedValidationError = curve.get(selected.epoch() - 1).validationError();
        }
    }

    private void restoreRecords(ResumePoints.Records records) {
        curve.addAll(records.curve());
        // The validation choice so far; a checkpoint written before the choice's parameters were
        // kept in it has none, and a later stage then starts from it only if an epoch after the
        // resume is selected.
        for (EpochRecord point : records.curve()) {
            if (point.validationError() != null && point.validationError() < selectedValidationError) {
                selectedValidationError = point.validationError();
                selectedEpoch = point.epoch();
            }
        }
        stageRecords.addAll(records.stages());
        phaseStart = records.phaseStart();
        trainingSeconds = records.trainingSeconds();
        trainedImages = records.trainedImages();
        startedAt = records.startedAt();
    }

    private void restoreState(ResumePoints.ResumePoint point, Block network, NDManager manager,
            List<Parameter> trainable, NesterovSgd optimizer, LossFunction loss) {
        NetworkBytes.load(network, manager, point.parameters(), "The parameters of checkpoint "
                + resumePoints.path(spec), spec.label());
        // Loading replaces the parameters' arrays: the new ones must be marked for gradients again.
        for (Parameter parameter : trainable) {
            parameter.getArray().setRequiresGradient(true);
        }
        if (point.momentum().size() != trainable.size()) {
            throw new IllegalStateException("Checkpoint " + resumePoints.path(spec) + " has momentum for "
                    + point.momentum().size() + " parameters, the network trains " + trainable.size());
        }
        for (int i = 0; i < trainable.size(); i++) {
            float[] values = point.momentum().get(i);
            if (values != null) {
                optimizer.restoreMomentum(trainable.get(i).getId(), trainable.get(i).getArray(), values);
            }
        }
        if (loss instanceof ResumableState state) {
            state.restoreState(point.lossState());
        }
        // The last evaluation is part of the result if no epoch is left to train.
        lastConfusion = evaluate(network, new ParameterStore(manager, false), manager);
    }

    /** Loads the first phase's hand-off (checked against the SHA-256 its stage record holds). */
    private void loadHandOff(Block network, NDManager manager) {
        StageRecord first = stageRecords.isEmpty() ? null : stageRecords.get(0);
        if (first == null || first.checkpoint() == null) {
            throw new IllegalStateException("Checkpoint " + resumePoints.path(spec) + " is past the deferral epoch but"
                    + " records no hand-off of the first phase");
        }
        byte[] content = files.read(first.checkpoint(), first.checkpointSha256());
        NetworkBytes.load(network, manager, content, "Hand-off " + first.checkpoint(), spec.label());
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
     * logit adjustment change it once and are evaluated once. The stage re-balances the original
     * training set, whatever a deferred sampler drew from: its counts are the data set's, not a
     * CAM-enlarged set's.
     */
    private void rebalance(Backbone network, ParameterStore parameters, NDManager manager,
            RandomCropFlip augmentation, SplittableRandom random, long runStart, String startsFrom) {
        DeviceImages images = data.train();
        int[] labels = data.trainLabels();
        int[] counts = data.trainCounts();
        TrickSpec declared = this.spec.recipe().rebalancing();
        // The stage's epochs were scaled with the run at discovery (tailbench.epochs shortens it too).
        TrickSpec spec = declared.parameters().containsKey("epochs")
                ? withEpochs(declared, this.spec.stages().rebalancingEpochs()) : declared;
        ClassifierStage stage = ClassifierStage.of(spec, this.spec.schedule().batchSize(), counts);
        int epochs = stage.epochs();
        int firstEpoch = curve.size() + 1;
        Map<String, Object> tricks = new LinkedHashMap<>();
        tricks.put("rebalancing", spec);
        tricks.put("epochs", epochs);
        tricks.put("startsFrom", startsFrom);
        if (epochs == 0) {
            long start = System.nanoTime();
            stage.run(network, parameters, images, null, augmentation, random, EpochListener.NONE);
            lastConfusion = evaluate(network, parameters, manager);
            EpochRecord record = new EpochRecord(firstEpoch, spec.name(), 0, lastConfusion.top1Error(), 0,
                    (System.nanoTime() - start) / 1e9, 0, ResidentMemory.currentMb(), false, 0,
                    validate(network, parameters, manager));
            curve.add(record);
            progress.epoch(this.spec, record, (System.nanoTime() - runStart) / 1e9);
        }
        else {
            tricks.put("sampler", stage.sampler());
            EpochSampler balanced = Tricks.sampler(Samplers.classBalanced(), labels, counts, epochs);
            stage.run(network, parameters, images, balanced, augmentation, random, new EpochListener() {
                @Override
                public void epochFinished(StageEpoch epoch) {
                    long start = System.nanoTime();
                    lastConfusion = evaluate(network, parameters, manager);
                    trainingSeconds += epoch.seconds();
                    trainedImages += epoch.images();
                    EpochRecord record = new EpochRecord(firstEpoch + epoch.epoch(), spec.name(), epoch.meanLoss(),
                            lastConfusion.top1Error(), epoch.learningRate(),
                            epoch.seconds() + (System.nanoTime() - start) / 1e9, epoch.images() / epoch.seconds(),
                            ResidentMemory.currentMb(), false, (int) epoch.images(),
                            validate(network, parameters, manager));
                    curve.add(record);
                    progress.epoch(Training.this.spec, record, (System.nanoTime() - runStart) / 1e9);
                }

                @Override
                public RuntimeException nonFiniteLoss(int epoch, int batch, int batches, float value,
                        double learningRate) {
                    return new NonFiniteLossException(NonFiniteLossException.describeStage(Training.this.spec.label(),
                            firstEpoch + epoch, spec.name(), stage.lossName(), batch, batches, value, learningRate));
                }
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

    /**
     * Remembers the network after a run's epoch when the validation split prefers it to every
     * earlier one (strictly lower error: the earliest of equals is kept).
     */
    private void keepIfSelected(Block network, EpochRecord epoch) {
        Double error = epoch.validationError();
        if (error == null || !(error < selectedValidationError)) {
            return;
        }
        selectedParameters = NetworkBytes.of(network, "the parameters of " + spec.label() + " at epoch " + epoch.epoch());
        selectedEpoch = epoch.epoch();
        selectedValidationError = error;
    }

    /**
     * Loads the parameters of the epoch the validation split selected, for a stage that starts from
     * it; says which model the stage starts from.
     */
    private String loadSelected(Block network, NDManager manager, List<Parameter> trainable) {
        if (selectedParameters == null) {
            // A resumed run keeps no parameters of earlier epochs than its checkpoint's.
            return "last epoch (the selected epoch's model was not kept across a resume)";
        }
        NetworkBytes.load(network, manager, selectedParameters, "The kept parameters of epoch " + selectedEpoch,
                spec.label());
        for (Parameter parameter : trainable) {
            parameter.getArray().setRequiresGradient(true);
        }
        return "epoch " + selectedEpoch + " (selected on validation)";
    }

    /** The top-1 error on the validation images, or null without a validation split. */
    private Double validate(Block network, ParameterStore parameters, NDManager manager) {
        return data.hasValidation()
                ? evaluate(network, parameters, manager, data.validation(), data.validationLabels()).top1Error() : null;
    }

    private ConfusionMatrix evaluate(Block network, ParameterStore parameters, NDManager manager) {
        return evaluate(network, parameters, manager, data.test(), data.testLabels());
    }

    private ConfusionMatrix evaluate(Block network, ParameterStore parameters, NDManager manager, DeviceImages images,
            int[] labels) {
        ConfusionMatrix confusion = new ConfusionMatrix(data.info().classCount());
        for (int start = 0; start < labels.length; start += EVALUATION_BATCH) {
            int first = start;
            int[] indices = new int[Math.min(EVALUATION_BATCH, labels.length - start)];
            Arrays.setAll(indices, i -> first + i);
            try (NDManager scope = manager.newSubManager()) {
                NDList batch = images.batch(indices, scope);
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
            // The earliest epoch of the lowest validation error, over every point that has one.
            EpochRecord selected = curve.stream().filter(point -> point.validationError() != null)
                    .min(Comparator.comparingDouble(EpochRecord::validationError)).orElse(null);
            top1 = new Top1Error(best.testError(), best.epoch(), curve.get(curve.size() - 1).testError(),
                    selected == null ? null : selected.testError(), selected == null ? null : selected.epoch());
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
