package dev.tailbench.tricks.rebalance;

import java.util.LinkedHashMap;
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
import dev.tailbench.model.CifarResNet;
import dev.tailbench.spec.Schedule;
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
 * ({@link MetaSampler#learn}); then the head takes an ordinary Nesterov SGD step on the drawn
 * batch's balanced-softmax loss. An epoch has N / B steps (at least one), as the reference's
 * {@code MetaSampler}. The stage ignores the sampler it is given: the meta sampler is its sampler.
 * The class probabilities the sampler starts from and ends with are the stage's details.
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
    public void run(CifarResNet network, ParameterStore parameters, DeviceImages train, EpochSampler ignored,
            RandomCropFlip augmentation, RandomGenerator random, EpochListener after) {
        NDManager base = parameters.getManager();
        int[] labels = train.hostLabels();
        ClassMembers members = new ClassMembers(labels, classCounts);
        LossFunction loss = new BalancedSoftmaxLoss(classCounts);
        NesterovSgd optimizer = NesterovSgd.builder()
                .setLearningRate((float) schedule.learningRate(0))
                .optMomentum((float) schedule.momentum())
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
                double learningRate = schedule.learningRate(epoch);
                optimizer.setLearningRate((float) learningRate);
                double lossSum = 0;
                for (int step = 0; step < steps; step++) {
                    try (NDManager scope = base.newSubManager()) {
                        MetaSampler.Draw draw = sampler.draw(schedule.batchSize(), random);
                        NDList batch = train.batch(images(draw.classes(), members, random), scope);
                        NDList meta = train.batch(images(balancedClasses(random), members, random), scope);
                        NDArray features = frozenFeatures(network, parameters, batch.get(0), augmentation, random,
                                pytorch);
                        NDArray metaFeatures = frozenFeatures(network, parameters, meta.get(0), augmentation, random,
                                pytorch);
                        sampler.learn(draw, features, batch.get(1), linear.weightArray(), linear.biasArray(),
                                learningRate, schedule.weightDecay(), metaFeatures, meta.get(1));
                        lossSum += ClassifierTraining.step(head, loss, features, batch.get(1), parameters, optimizer)
                                .getFloat();
                    }
                }
                learnedProbabilities = sampler.classProbabilities();
                StageEpoch record = new StageEpoch(epoch, schedule.epochs(), learningRate, lossSum / steps,
                        steps * schedule.batchSize(), (System.nanoTime() - start) / 1e9);
                after.epochFinished(record);
            }
        }
        finally {
            optimizer.clearState();
        }
    }

    private NDArray frozenFeatures(CifarResNet network, ParameterStore parameters, NDArray images,
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
