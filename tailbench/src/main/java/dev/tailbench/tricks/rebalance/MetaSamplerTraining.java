package dev.tailbench.tricks.rebalance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import dev.tailbench.api.Samplers;
import dev.tailbench.api.TrickSpec;
import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.data.device.RandomCropFlip;
import dev.tailbench.model.Backbone;
import dev.tailbench.spec.Schedule;
import dev.tailbench.train.BatchLoop;
import dev.tailbench.train.NesterovSgd;
import dev.tailbench.tricks.loss.BalancedSoftmaxLoss;
import dev.tailbench.tricks.loss.LossFunction;
import dev.tailbench.tricks.sampling.ClassMembers;
import dev.tailbench.tricks.sampling.EpochSampler;

/**
 * BALMS, the decoupled stage of Balanced Meta-Softmax (Ren et al., NeurIPS 2020): a freshly
 * initialised linear head trained with balanced softmax on frozen features, on batches drawn by a
 * {@link MetaSampler} that learns, step by step, which classes to draw.
 *
 * <p>Each step: the sampler draws a batch; a class-balanced meta batch is drawn (class uniform,
 * then an image of it uniformly); the backbone gives both batches' features without gradient
 * (training mode and augmentation, as cRT); the sampler takes its meta step
 * ({@link MetaSampler#learn}) through the head optimizer's own step; then the head takes that step
 * on the drawn batch's balanced-softmax loss. An epoch has N / B steps (at least one), as the
 * reference's {@code MetaSampler}. The stage ignores the sampler it is given: the meta sampler is
 * its sampler. The class probabilities the sampler starts from and ends with are the stage's
 * details.
 *
 * <p>Optimisation as the reference's CIFAR configuration ({@code config/CIFAR10_LT/balms_*.yaml},
 * {@code run_networks.py}): the head on PyTorch's SGD with heavy-ball momentum 0.9 (not Nesterov)
 * and weight decay, its learning rate annealed by a cosine to 0 over the stage's epochs and set
 * before each epoch as {@code CosineAnnealingLR} stepped before the epoch gives it (the first
 * epoch a little under the base rate, the last at exactly 0); the sampler on Adam at a constant
 * rate; the meta step differentiates through the head optimizer's step with its momentum buffers.
 */
final class MetaSamplerTraining implements ClassifierStage {

    private final Schedule schedule;
    private final int[] classCounts;
    private final double initPower;
    private final double metaLearningRate;
    private final int metaBatchSize;
    private double[] initialProbabilities;
    private double[] learnedProbabilities;

    /**
     * @param schedule         the head's schedule (see {@link StageSchedule})
     * @param classCounts      n_c of the training set
     * @param initPower        see {@link MetaSampler}
     * @param metaLearningRate Adam's learning rate for the sampler
     * @param metaBatchSize    images of each class-balanced meta batch
     */
    MetaSamplerTraining(Schedule schedule, int[] classCounts, double initPower, double metaLearningRate,
            int metaBatchSize) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.classCounts = classCounts.clone();
        this.initPower = initPower;
        this.metaLearningRate = metaLearningRate;
        if (metaBatchSize < 1) {
            throw new IllegalArgumentException("the meta batch needs at least 1 image, got " + metaBatchSize);
        }
        this.metaBatchSize = metaBatchSize;
    }

    /**
     * The head's schedule: its epochs, batch size, base learning rate, momentum 0.9 and weight
     * decay (its per-epoch rate is {@link #learningRate}, not the schedule's warm-up and steps).
     */
    static Schedule schedule(int epochs, int batchSize, double learningRate, double weightDecay) {
        Schedule stage = StageSchedule.of(epochs, batchSize, learningRate, weightDecay);
        return new Schedule(epochs, batchSize, learningRate, stage.momentum(), weightDecay, 0, 1, List.of(), 1);
    }

    /**
     * The head's learning rate in a (0-based) epoch of {@code epochs}: base (1 + cos(pi (epoch + 1)
     * / epochs)) / 2, PyTorch's {@code CosineAnnealingLR(T_max = epochs, eta_min = 0)} after
     * epoch + 1 scheduler steps, as the reference steps it before each epoch.
     */
    static double learningRate(double base, int epoch, int epochs) {
        return base * (1 + Math.cos(Math.PI * (epoch + 1) / epochs)) / 2;
    }

    @Override
    public int epochs() {
        return schedule.epochs();
    }

    /** The meta sampler, with its settings. */
    @Override
    public TrickSpec sampler() {
        return new TrickSpec(Samplers.FAMILY, "meta", Map.of("metaLearningRate", metaLearningRate,
                "metaBatchSize", metaBatchSize, "initPower", initPower));
    }

    @Override
    public String lossName() {
        return "balanced-softmax";
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (initialProbabilities != null) {
            details.put("metaSamplerInitialClassProbabilities", initialProbabilities);
        }
        if (learnedProbabilities != null) {
            details.put("metaSamplerLearnedClassProbabilities", learnedProbabilities);
        }
        return details;
    }

    @Override
    public void run(Backbone network, ParameterStore parameters, DeviceImages train, EpochSampler ignored,
            RandomCropFlip augmentation, RandomGenerator random, EpochListener after) {
        NDManager base = parameters.getManager();
        int[] labels = train.hostLabels();
        ClassMembers members = new ClassMembers(labels, classCounts);
        LossFunction loss = new BalancedSoftmaxLoss(classCounts);
        NesterovSgd optimizer = NesterovSgd.builder()
                .setLearningRate((float) learningRate(schedule.learningRate(), 0, schedule.epochs()))
                .optMomentum((float) schedule.momentum())
                .optNesterov(false)
                .optWeightDecays((float) schedule.weightDecay())
                .build();
        int steps = Math.max(1, labels.length / schedule.batchSize());
        try (NDManager stage = base.newSubManager(); StageHead head = new RetrainedHead(network, stage);
                MetaSampler sampler = new MetaSampler(classCounts, initPower, metaLearningRate, stage)) {
            initialProbabilities = sampler.classProbabilities();
            LinearHead linear = LinearHead.of(network);
            boolean pytorch = linear.pytorch();
            for (int epoch = 0; epoch < schedule.epochs(); epoch++) {
                long start = System.nanoTime();
                double learningRate = learningRate(schedule.learningRate(), epoch, schedule.epochs());
                optimizer.setLearningRate((float) learningRate);
                double meanLoss = ClassifierTraining.loop(base, head, optimizer, after, epoch, learningRate)
                        .run(steps, (step, scope) -> {
                            MetaSampler.Draw draw = sampler.draw(schedule.batchSize(), random);
                            NDList batch = train.batch(images(draw.classes(), members, random), scope);
                            NDList meta = train.batch(images(balancedClasses(random), members, random), scope);
                            NDArray features = frozenFeatures(network, parameters, batch.get(0), augmentation, random,
                                    pytorch);
                            NDArray metaFeatures = frozenFeatures(network, parameters, meta.get(0), augmentation,
                                    random, pytorch);
                            MetaSampler.InnerStep inner = new MetaSampler.InnerStep(learningRate, schedule.momentum(),
                                    schedule.weightDecay(),
                                    optimizer.momentumBuffer(linear.weight().getId(), linear.weightArray().getDevice()),
                                    optimizer.momentumBuffer(linear.bias().getId(), linear.biasArray().getDevice()));
                            // The sampler learns from the head as it is before this batch's step.
                            sampler.learn(draw, features, batch.get(1), linear.weightArray(), linear.biasArray(),
                                    inner, metaFeatures, meta.get(1));
                            return new BatchLoop.Batch(() -> loss.evaluate(head.logits(features, parameters),
                                    batch.get(1)), features, batch.get(1));
                        });
                learnedProbabilities = sampler.classProbabilities();
                StageEpoch record = new StageEpoch(epoch, schedule.epochs(), learningRate, meanLoss,
                        steps * schedule.batchSize(), (System.nanoTime() - start) / 1e9);
                after.epochFinished(record);
            }
        }
        finally {
            optimizer.clearState();
        }
    }

    private NDArray frozenFeatures(Backbone network, ParameterStore parameters, NDArray images,
            RandomCropFlip augmentation, RandomGenerator random, boolean pytorch) {
        NDArray input = augmentation == null ? images : augmentation.apply(images, random);
        return WithoutGradient.compute(pytorch, () -> ClassifierTraining.pooledFeatures(network, parameters, input));
    }

    /** The classes of a class-balanced meta batch: each draw a class uniformly. */
    private int[] balancedClasses(RandomGenerator random) {
        int[] classes = new int[metaBatchSize];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = random.nextInt(classCounts.length);
        }
        return classes;
    }

    /** One image of each drawn class, uniformly among the class's images. */
    private static int[] images(int[] classes, ClassMembers members, RandomGenerator random) {
        int[] images = new int[classes.length];
        for (int i = 0; i < classes.length; i++) {
            images[i] = members.member(classes[i], random.nextInt(members.count(classes[i])));
        }
        return images;
    }
}
