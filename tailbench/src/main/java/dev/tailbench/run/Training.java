package dev.tailbench.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import dev.tailbench.api.Recipe;
import dev.tailbench.api.Samplers;
import dev.tailbench.api.TrickSpec;
import dev.tailbench.data.DatasetInfo;
import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.data.device.RandomCropFlip;
import dev.tailbench.metrics.ConfusionMatrix;
import dev.tailbench.metrics.ShotAccuracy;
import dev.tailbench.metrics.ShotThresholds;
import dev.tailbench.model.Backbone;
import dev.tailbench.model.Backbones;
import dev.tailbench.report.EpochRecord;
import dev.tailbench.report.ResultStore;
import dev.tailbench.report.RunResult;
import dev.tailbench.report.StageRecord;
import dev.tailbench.report.Verdict;
import dev.tailbench.report.chart.CamExampleGrid;
import dev.tailbench.spec.RunSpec;
import dev.tailbench.spec.Schedule;
import dev.tailbench.train.NesterovSgd;
import dev.tailbench.train.ResumableState;
import dev.tailbench.tricks.Tricks;
import dev.tailbench.tricks.cam.CamSampling;
import dev.tailbench.tricks.cam.SyntheticImages;
import dev.tailbench.tricks.loss.LossFunction;
import dev.tailbench.tricks.mixup.BatchObjective;
import dev.tailbench.tricks.rebalance.ClassifierStage;
import dev.tailbench.tricks.rebalance.EpochListener;
import dev.tailbench.tricks.rebalance.StageEpoch;
import dev.tailbench.tricks.sampling.ClassWeightedSampler;
import dev.tailbench.tricks.sampling.EpochSampler;

/**
 * Trains one run: sets the network up, starts it (fresh, from a checkpoint, or from epochs another
 * run shared), walks its {@link RunPlan} and evaluates every epoch; the bookkeeping (records,
 * progress, validation choice, checkpoints, shared epochs) is done by {@link TrainingListener}s.
 * Every NDArray of a batch lives in a sub-manager closed with the batch, so native memory stays flat
 * across epochs; metrics become Java numbers inside that scope. One instance trains one run.
 */
final class Training {

    private final RunSpec spec;
    private final PreparedData data;
    private final NativeEngine nativeEngine;
    private final ShotThresholds thresholds;
    private final Progress progress;
    private final RunFiles files;
    private final ResumePoints resumePoints;
    private final int checkpointInterval;
    private final boolean resume;
    private final SharedEpochs shared;
    private final Evaluation evaluation;
    private final RunRecords records = new RunRecords();
    private final ValidationChoice choice = new ValidationChoice();
    private final List<TrainingListener> listeners = new ArrayList<>();

    // The network as it trains (set once the model exists; the store is renewed whenever loading
    // replaces the parameters' arrays, since a store keeps the arrays it handed out).
    private NDManager manager;
    private Backbone network;
    private List<Parameter> trainable;
    private NesterovSgd optimizer;
    private ParameterStore parameters;
    private RandomCropFlip augmentation;

    private ConfusionMatrix lastConfusion;
    private long trainableParameters;

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
        this.evaluation = new Evaluation(data);
    }

    /**
     * Trains all epochs; on failure the exception carries the result of the epochs that finished.
     * An {@link Error} (an {@link OutOfMemoryError} above all) is not turned into a run's failure:
     * it goes on as it is, for the caller to stop trusting the JVM.
     */
    RunResult run() {
        try {
            train();
            return result(null);
        }
        catch (RuntimeException e) {
            EpochRecord last = records.last();
            throw new TrainingFailedException(spec.label() + " failed after " + records.size() + " of "
                    + Progress.plannedEpochs(spec) + " epochs: " + e, e,
                    result(new Verdict("error", last == null ? null : last.testError(), String.valueOf(e))));
        }
    }

    /**
     * Where a run starts: its next epoch, the state to restore ({@code null} for a fresh run), the
     * first stage's details and what to print once the state is restored.
     */
    private record Start(int nextEpoch, ResumePoints.ResumePoint state, Map<String, Object> firstDetails,
            Runnable announce) {
    }

    private void train() {
        DatasetInfo info = data.info();
        Recipe recipe = spec.recipe();
        RunPlan plan = RunPlan.of(spec);
        augmentation = recipe.augmentation()
                ? new RandomCropFlip(info.defaultCropPadding(), true, info.mean(), info.std()) : null;
        // Initial weights from the run's seed; every epoch then reseeds (EpochRandom).
        nativeEngine.engine().setRandomSeed((int) spec.seed());
        progress.started(spec, nativeEngine.device().toString(), data.trainLabels().length, data.testLabels().length);
        Map<String, Object> runtime = SharedEpochs.runtime(nativeEngine);
        listeners.add(records);
        listeners.add(progress.listener(spec, System::nanoTime));
        // Before the two that save the run's state, which holds the choice.
        listeners.add(choice);
        listeners.add(new SharedEpochSaver(shared, spec, runtime));
        listeners.add(new PeriodicCheckpoints(resumePoints, spec, checkpointInterval, runtime));
        Start start = start(plan, runtime);

        try (Model model = Model.newInstance(spec.label(), nativeEngine.device(), NativeEngine.ENGINE_NAME)) {
            setUp(model);
            String startsFrom = "last epoch";
            trainMainPhases(plan, start);
            if (plan.fromSelected() && data.hasValidation()) {
                startsFrom = loadSelected();
            }
            if (plan.fineTuningEpochs() > 0) {
                fineTune(startsFrom);
                startsFrom = "last epoch";
            }
            if (plan.rebalancing()) {
                rebalance(startsFrom);
            }
        }
    }

    /** The network (LDAM's cosine classifier is part of it from the start), its optimizer and store. */
    private void setUp(Model model) {
        DatasetInfo info = data.info();
        Schedule schedule = spec.schedule();
        manager = model.getNDManager();
        network = Backbones.create(spec.backbone(), info.channels(), info.classCount(),
                spec.recipe().trainsCosineClassifier());
        model.setBlock(network);
        network.initialize(manager, DataType.FLOAT32, new Shape(1, info.channels(), info.height(), info.width()));
        trainable = new ArrayList<>();
        for (Pair<String, Parameter> entry : network.getParameters()) {
            if (entry.getValue().requiresGradient()) {
                entry.getValue().getArray().setRequiresGradient(true);
                trainable.add(entry.getValue());
            }
        }
        trainableParameters = Backbones.trainableParameterCount(network);
        optimizer = NesterovSgd.builder()
                .setLearningRate((float) schedule.learningRate(0))
                .optMomentum((float) schedule.momentum())
                .optWeightDecays((float) schedule.weightDecay())
                .build();
        parameters = new ParameterStore(manager, false);
    }

    /** A checkpoint of this run when resuming, else epochs another run shared, else a fresh start. */
    private Start start(RunPlan plan, Map<String, Object> runtime) {
        ResumePoints.ResumePoint resumePoint = resume ? resumePoints.load(spec, runtime) : null;
        if (resumePoint != null) {
            records.restore(resumePoint.records());
            choice.restore(resumePoint.selected(), records.curve());
            return new Start(resumePoint.nextEpoch(), resumePoint, Map.of(),
                    () -> progress.resumed(spec, resumePoint.nextEpoch(), resumePoints.path(spec)));
        }
        SharedEpochs.Start shared = this.shared.latest(spec, runtime, progress::warning).orElse(null);
        if (shared != null) {
            // Another run trained these epochs with everything that decides them alike
            // (SharedFirstStages): continue from its state, as a resumed run would.
            records.adopt(shared.point().records(), plan.main().get(0).name(), shared.file());
            choice.restore(shared.point().selected(), records.curve());
            return new Start(shared.epochs(), shared.point(), sharedDetails(shared),
                    () -> progress.shared(spec, shared.epochs(), shared.producer(), shared.file()));
        }
        return new Start(0, null, Map.of(), () -> { });
    }

    /**
     * The main epochs, phase by phase from the one the run continues in. A phase the run enters at
     * its first epoch is built from the network as it is then (and the previous one closes, handing
     * its network off); one the run resumes inside is built again as it was built then, from the
     * first phase's hand-off and the deferral epoch's draws.
     */
    private void trainMainPhases(RunPlan plan, Start start) {
        Engine engine = nativeEngine.engine();
        DeviceImages images = data.train();
        DeviceImages enlarged = null;
        RunPlan.PlannedPhase planned = null;
        Phase phase = null;
        Map<String, Object> details = Map.of();
        int continuing = plan.continuingAt(start.nextEpoch());
        try {
            for (int i = continuing; i < plan.main().size(); i++) {
                planned = plan.main().get(i);
                int from = Math.max(start.nextEpoch(), planned.start());
                SplittableRandom firstDraws = null;
                if (!planned.deferred()) {
                    phase = Phase.first(spec.recipe(), data.trainLabels(), data.trainCounts(), plan.epochs(),
                            spec.stages().mixupEpochs());
                    details = start.firstDetails();
                }
                else {
                    SplittableRandom generation;
                    if (from > planned.start()) {
                        if (Phase.generates(spec.recipe())) {
                            loadHandOff();
                        }
                        engine.setRandomSeed(EpochRandom.engineSeed(spec.seed(), planned.start()));
                        generation = EpochRandom.of(spec.seed(), planned.start());
                    }
                    else {
                        closePhase(plan.main().get(i - 1), phase, handOff(phase.name()), details);
                        // The deferral epoch's draws: generation takes the first, the epoch the rest.
                        firstDraws = epochDraws(from);
                        generation = firstDraws;
                    }
                    DeferredSet set = deferredSet(generation);
                    enlarged = set.enlarged();
                    images = enlarged == null ? images : enlarged;
                    phase = Phase.deferred(spec.recipe(), data.trainLabels(), data.trainCounts(), set.enlargedLabels(),
                            planned.start(), plan.epochs(), spec.stages().mixupEpochs());
                    details = withSampling(set.details(), phase, planned.start());
                }
                if (i == continuing && start.state() != null) {
                    restoreState(start.state(), phase.loss());
                    start.announce().run();
                }
                for (int epoch = from; epoch < planned.end(); epoch++) {
                    // Each epoch's draws depend on the seed and the epoch only, so a resumed run
                    // draws what the uninterrupted one drew.
                    SplittableRandom random = epoch == from && firstDraws != null ? firstDraws : epochDraws(epoch);
                    BatchObjective objective = epoch < spec.stages().mixupEpochs() ? phase.mixup() : Phase.NO_MIXUP;
                    trainEpoch(records.size() + 1, spec.schedule(), epoch, phase, objective, images, optimizer,
                            random);
                    mainEpochFinished(epoch + 1, phase.loss());
                }
            }
            closePhase(planned, phase, plan.laterStage() ? handOff(phase.name()) : null, details);
        }
        finally {
            if (enlarged != null) {
                enlarged.close();
            }
        }
    }

    /** Seeds the engine for the run's epoch and returns the epoch's draws. */
    private SplittableRandom epochDraws(int runEpoch) {
        nativeEngine.engine().setRandomSeed(EpochRandom.engineSeed(spec.seed(), runEpoch));
        return EpochRandom.of(spec.seed(), runEpoch);
    }

    /**
     * Trains and evaluates one epoch and tells the listeners.
     *
     * @param runEpoch      the epoch's 1-based number in the run's curve
     * @param schedule      the schedule the epoch's learning rate comes from
     * @param scheduleEpoch the epoch's 0-based number in that schedule (and for its sampler)
     */
    private void trainEpoch(int runEpoch, Schedule schedule, int scheduleEpoch, Phase phase, BatchObjective objective,
            DeviceImages images, NesterovSgd optimizer, SplittableRandom random) {
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
        // The last partial batch is dropped: count what the steps saw.
        int stepped = Math.min(order.length, schedule.trainingBatches(order.length) * schedule.batchSize());
        lastConfusion = evaluation.test(network, parameters, manager);
        EpochRecord record = new EpochRecord(runEpoch, phase.name(), meanLoss, lastConfusion.top1Error(),
                learningRate, (System.nanoTime() - epochStart) / 1e9, stepped / trainSeconds,
                ResidentMemory.currentMb(), objective != Phase.NO_MIXUP, order.length,
                evaluation.validation(network, parameters, manager));
        listeners.forEach(listener -> listener.epochFinished(record, trainSeconds, stepped));
    }

    /** Tells the listeners a main epoch ended; what they may ask for is computed once. */
    private void mainEpochFinished(int nextEpoch, LossFunction loss) {
        EpochRecord record = records.last();
        TrainingListener.MainEpochEnd end = new TrainingListener.MainEpochEnd() {
            private byte[] bytes;
            private ResumePoints.ResumePoint state;

            @Override
            public EpochRecord record() {
                return record;
            }

            @Override
            public int nextEpoch() {
                return nextEpoch;
            }

            @Override
            public byte[] parameters() {
                if (bytes == null) {
                    bytes = NetworkBytes.of(network, "the parameters of " + spec.label() + " after epoch " + nextEpoch);
                }
                return bytes;
            }

            @Override
            public ResumePoints.ResumePoint state() {
                if (state == null) {
                    state = resumePoint(nextEpoch, parameters(), loss);
                }
                return state;
            }
        };
        listeners.forEach(listener -> listener.mainEpochFinished(end));
    }

    /** The run's state after a main epoch: what a run continuing from it needs. */
    private ResumePoints.ResumePoint resumePoint(int nextEpoch, byte[] networkBytes, LossFunction loss) {
        List<float[]> momentum = new ArrayList<>();
        for (Parameter parameter : trainable) {
            momentum.add(optimizer.momentum(parameter.getId(), parameter.getArray().getDevice()));
        }
        List<float[]> lossState = loss instanceof ResumableState state ? state.saveState() : List.of();
        return new ResumePoints.ResumePoint(nextEpoch, records.snapshot(), networkBytes, momentum, lossState,
                choice.selected());
    }

    private void closePhase(RunPlan.PlannedPhase planned, Phase phase, RunFiles.Saved checkpoint,
            Map<String, Object> details) {
        stageClosed(new StageRecord(phase.name(), planned.start() + 1, planned.end(), phase.tricks(),
                checkpoint == null ? null : checkpoint.relativePath(), checkpoint == null ? null : checkpoint.sha256(),
                details));
    }

    private void stageClosed(StageRecord stage) {
        listeners.forEach(listener -> listener.stageClosed(stage));
    }

    /**
     * Fine-tuning without mixup as BagofTricks-LT's third stage: from the model the run selected
     * (its validation split's choice; without one the last epoch's), a new optimizer (no momentum
     * carried over), the stage's own schedule ({@link FineTuningSchedule}), class-balanced batches of
     * the original training set, no mixup. Its epochs are numbered after the run's and draw from
     * their own epoch streams; like the re-balancing stage it is not checkpointed within.
     */
    private void fineTune(String startsFrom) {
        Schedule run = spec.schedule();
        int epochs = spec.stages().fineTuningEpochs();
        Schedule stage = FineTuningSchedule.of(epochs, spec.recipe().fineTuning().parameter("learningRate"), run);
        Phase phase = Phase.fineTuning(spec.recipe(), data.trainLabels(), data.trainCounts(), epochs);
        NesterovSgd stageOptimizer = NesterovSgd.builder()
                .setLearningRate((float) stage.learningRate(0))
                .optMomentum((float) stage.momentum())
                .optWeightDecays((float) stage.weightDecay())
                .build();
        int firstEpoch = records.size() + 1;
        try {
            for (int epoch = 0; epoch < epochs; epoch++) {
                trainEpoch(records.size() + 1, stage, epoch, phase, Phase.NO_MIXUP, data.train(), stageOptimizer,
                        epochDraws(run.epochs() + epoch));
            }
        }
        finally {
            stageOptimizer.clearState();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("learningRates", records.curve().subList(firstEpoch - 1, records.size()).stream()
                .map(EpochRecord::learningRate).toList());
        details.put("startsFrom", startsFrom);
        stageClosed(new StageRecord(phase.name(), firstEpoch, records.size(), phase.tricks(), null, null, details));
    }

    /**
     * Classifier re-balancing after representation learning: cRT or LWS train the head for their
     * own epochs on class-balanced batches (each epoch evaluated and recorded, numbered after the
     * main epochs), BALMS likewise on batches its meta sampler draws; tau-normalisation and post-hoc
     * logit adjustment change it once and are evaluated once. The stage re-balances the original
     * training set, whatever a deferred sampler drew from: its counts are the data set's, not a
     * CAM-enlarged set's.
     */
    private void rebalance(String startsFrom) {
        int stageEpoch = spec.schedule().epochs() + spec.stages().fineTuningEpochs();
        SplittableRandom random = epochDraws(stageEpoch);
        TrickSpec declared = spec.recipe().rebalancing();
        // The stage's epochs were scaled with the run at discovery (tailbench.epochs shortens it too).
        TrickSpec trick = declared.parameters().containsKey("epochs")
                ? withEpochs(declared, spec.stages().rebalancingEpochs()) : declared;
        ClassifierStage stage = ClassifierStage.of(trick, spec.schedule().batchSize(), data.trainCounts());
        int epochs = stage.epochs();
        int firstEpoch = records.size() + 1;
        Map<String, Object> tricks = new LinkedHashMap<>();
        tricks.put("rebalancing", trick);
        tricks.put("epochs", epochs);
        tricks.put("startsFrom", startsFrom);
        if (epochs == 0) {
            long start = System.nanoTime();
            stage.run(network, parameters, data.train(), null, augmentation, random, EpochListener.NONE);
            lastConfusion = evaluation.test(network, parameters, manager);
            EpochRecord record = new EpochRecord(firstEpoch, trick.name(), 0, lastConfusion.top1Error(), 0,
                    (System.nanoTime() - start) / 1e9, 0, ResidentMemory.currentMb(), false, 0,
                    evaluation.validation(network, parameters, manager));
            listeners.forEach(listener -> listener.epochFinished(record, 0, 0));
        }
        else {
            tricks.put("sampler", stage.sampler());
            EpochSampler balanced = Tricks.sampler(Samplers.classBalanced(), data.trainLabels(), data.trainCounts(),
                    epochs);
            stage.run(network, parameters, data.train(), balanced, augmentation, random, new EpochListener() {
                @Override
                public void epochFinished(StageEpoch epoch) {
                    long start = System.nanoTime();
                    lastConfusion = evaluation.test(network, parameters, manager);
                    EpochRecord record = new EpochRecord(firstEpoch + epoch.epoch(), trick.name(), epoch.meanLoss(),
                            lastConfusion.top1Error(), epoch.learningRate(),
                            epoch.seconds() + (System.nanoTime() - start) / 1e9, epoch.images() / epoch.seconds(),
                            ResidentMemory.currentMb(), false, (int) epoch.images(),
                            evaluation.validation(network, parameters, manager));
                    listeners.forEach(listener -> listener.epochFinished(record, epoch.seconds(), epoch.images()));
                }

                @Override
                public RuntimeException nonFiniteLoss(int epoch, int batch, int batches, float value,
                        double learningRate) {
                    return new NonFiniteLossException(NonFiniteLossException.describeStage(spec.label(),
                            firstEpoch + epoch, trick.name(), stage.lossName(), batch, batches, value, learningRate));
                }
            });
        }
        stageClosed(new StageRecord(trick.name(), firstEpoch, records.size(), tricks, null, null, stage.details()));
    }

    /** The spec with its epochs replaced by the scaled ones. */
    private static TrickSpec withEpochs(TrickSpec spec, int epochs) {
        Map<String, Object> parameters = new LinkedHashMap<>(spec.parameters());
        parameters.put("epochs", epochs);
        return new TrickSpec(spec.family(), spec.name(), parameters);
    }

    /** The first stage's record says which epochs another run trained, and where they came from. */
    private static Map<String, Object> sharedDetails(SharedEpochs.Start start) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sharedEpochs", start.epochs());
        details.put("sharedFrom", start.producer());
        details.put("sharedFile", start.relative());
        return details;
    }

    /** Loads a checkpoint's or shared start's network, momentum and loss state, and evaluates it. */
    private void restoreState(ResumePoints.ResumePoint point, LossFunction loss) {
        NetworkBytes.load(network, manager, point.parameters(), "The parameters of checkpoint "
                + resumePoints.path(spec), spec.label());
        renewParameters();
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
        lastConfusion = evaluation.test(network, parameters, manager);
    }

    /**
     * Loading replaces the parameters' arrays: the new ones are marked for gradients again, and a
     * new store hands them out (a store keeps the arrays it handed out).
     */
    private void renewParameters() {
        for (Parameter parameter : trainable) {
            parameter.getArray().setRequiresGradient(true);
        }
        parameters = new ParameterStore(manager, false);
    }

    /** Loads the first phase's hand-off (checked against the SHA-256 its stage record holds). */
    private void loadHandOff() {
        StageRecord first = records.firstStage();
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
    private RunFiles.Saved handOff(String phaseName) {
        return files.saveCheckpoint(spec, phaseName, network);
    }

    /**
     * Loads the parameters of the epoch the validation split selected, for a stage that starts from
     * it; says which model the stage starts from.
     */
    private String loadSelected() {
        ResumePoints.Selected selected = choice.selected();
        if (selected == null) {
            // A resumed run keeps no parameters of earlier epochs than its checkpoint's.
            return "last epoch (the selected epoch's model was not kept across a resume)";
        }
        NetworkBytes.load(network, manager, selected.parameters(), "The kept parameters of epoch " + selected.epoch(),
                spec.label());
        renewParameters();
        return "epoch " + selected.epoch() + " (selected on validation)";
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

    /** @param random the deferral epoch's draws (the same stream the epoch then trains with) */
    private DeferredSet deferredSet(SplittableRandom random) {
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

    private RunResult result(Verdict verdict) {
        return new RunResult(RunResult.SCHEMA, spec.experimentName(), spec.experiment(), spec.combination(), spec.seed(),
                ResultStore.fingerprint(spec), spec.recipe().describe(), data.record(), spec.backbone(),
                trainableParameters, spec.schedule(), spec.recipe().augmentation(), records.stages(),
                nativeEngine.deviceRecord(),
                VersionInfo.of(nativeEngine.engine()), Progress.plannedEpochs(spec), records.size(), records.curve(),
                records.top1(),
                lastConfusion == null ? null : lastConfusion.perClassAccuracy(),
                lastConfusion == null ? null : lastConfusion.counts(),
                lastConfusion == null ? null : ShotAccuracy.of(lastConfusion, data.trainCounts(), thresholds),
                records.imagesPerSecond(), records.trainingSeconds(), records.startedAt(),
                Instant.now().toString(), null, verdict);
    }
}
