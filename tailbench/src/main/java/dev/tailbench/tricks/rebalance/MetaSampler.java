package dev.tailbench.tricks.rebalance;

import java.util.random.RandomGenerator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The Meta Sampler of Balanced Meta-Softmax (Ren et al., NeurIPS 2020): a learnable sampling
 * distribution over classes, trained so that one SGD step of the classifier on the batches it
 * draws lowers the cross-entropy on a class-balanced meta batch.
 *
 * <p><b>Parameters.</b> One logit v_c per class; every image of class c has sampling weight
 * sigmoid(v_c), so class c is drawn with probability pi_c proportional to n_c sigmoid(v_c). The
 * weights start at (n_c / N)^(-initPower) divided by the sum of the largest and smallest of them, as
 * the reference's {@code SampleLearner} does: initPower 0 draws instance-balanced batches,
 * 1 class-balanced ones.
 *
 * <p><b>Drawing.</b> Each of the batch's draws takes the class argmax_c(log pi_c + g_c) with Gumbel
 * noise g, i.e. a hard Gumbel-softmax sample, and then an image of that class uniformly. The
 * reference draws over all N images with logits log sigmoid(v_y); drawing the class first gives the
 * same distribution of images with C entries per draw instead of N. Each draw carries the
 * straight-through weight w = 1 + s - stop(s), s the soft Gumbel-softmax probability of the drawn
 * class: w is 1, and its gradient is that of s.
 *
 * <p><b>Meta step</b> ({@link #learn}). The classifier is linear, logits z = W f + b, on frozen
 * features. The sample-weighted balanced-softmax loss (1/B) sum_b w_b BS(z_b, y_b) has the gradient
 * (1/B) sum_b w_b e_b f_b^T for W and (1/B) sum_b w_b e_b for b, with e_b = softmax(z_b + log n) -
 * onehot(y_b) not depending on the sampler. The step is the classifier optimizer's own, as the
 * reference takes it through {@code higher}'s differentiable copy of that optimizer (SGD, heavy-ball
 * momentum mu, weight decay wd on weight and bias, its momentum buffers carried over): W' = W - lr
 * (mu buf_W + grad_W + wd W), b' = b - lr (mu buf_b + grad_b + wd b), without the buffer term
 * before the optimizer's first step. That is linear in the weights w, so first-order autograd
 * suffices. The plain cross-entropy of (W', b') on the meta batch is back-propagated to v, and
 * Adam updates v.
 */
public final class MetaSampler implements AutoCloseable {

    private static final String PARAMETER_ID = "meta-sampler";

    private final int[] classCounts;
    private final double[] logCounts;
    private final NDManager manager;
    private final NDArray logits;
    private final Optimizer adam;

    /**
     * @param classCounts  n_c of the training set, every one at least 1
     * @param initPower    the exponent of the initial per-image weights, in [0, 1]
     * @param learningRate Adam's learning rate for the sampler's logits
     * @param parent       manager of the sampler's arrays (closed with {@link #close})
     */
    public MetaSampler(int[] classCounts, double initPower, double learningRate, NDManager parent) {
        if (classCounts.length < 2) {
            throw new IllegalArgumentException("the meta sampler needs at least 2 classes, got " + classCounts.length);
        }
        for (int c = 0; c < classCounts.length; c++) {
            if (classCounts[c] < 1) {
                throw new IllegalArgumentException("the meta sampler draws from every class, but class " + c
                        + " has no training image");
            }
        }
        if (!(initPower >= 0 && initPower <= 1)) {
            throw new IllegalArgumentException("the meta sampler's initPower must be in [0, 1], got " + initPower);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the meta sampler's learning rate must be finite and > 0, got "
                    + learningRate);
        }
        this.classCounts = classCounts.clone();
        logCounts = new double[classCounts.length];
        for (int c = 0; c < classCounts.length; c++) {
            logCounts[c] = Math.log(classCounts[c]);
        }
        manager = parent.newSubManager();
        logits = manager.create(initialLogits(classCounts, initPower));
        logits.setRequiresGradient(true);
        adam = Adam.builder().optLearningRateTracker(Tracker.fixed((float) learningRate)).build();
    }

    /** v_c = logit of (f_c^-p / (max + min)), f_c = n_c / N: the reference's initial weights. */
    static float[] initialLogits(int[] classCounts, double initPower) {
        double total = 0;
        for (int count : classCounts) {
            total += count;
        }
        double[] weights = new double[classCounts.length];
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int c = 0; c < weights.length; c++) {
            weights[c] = Math.pow(classCounts[c] / total, -initPower);
            min = Math.min(min, weights[c]);
            max = Math.max(max, weights[c]);
        }
        float[] logits = new float[weights.length];
        for (int c = 0; c < weights.length; c++) {
            double weight = weights[c] / (min + max);
            logits[c] = (float) Math.log(weight / (1 - weight));
        }
        return logits;
    }

    /** pi_c: the probability that a draw takes class c, proportional to n_c sigmoid(v_c). */
    public double[] classProbabilities() {
        double[] logPi = logClassWeights();
        double max = Double.NEGATIVE_INFINITY;
        for (double value : logPi) {
            max = Math.max(max, value);
        }
        double sum = 0;
        double[] pi = new double[logPi.length];
        for (int c = 0; c < pi.length; c++) {
            pi[c] = Math.exp(logPi[c] - max);
            sum += pi[c];
        }
        for (int c = 0; c < pi.length; c++) {
            pi[c] /= sum;
        }
        return pi;
    }

    /** log n_c + log sigmoid(v_c), the unnormalised log pi_c. */
    private double[] logClassWeights() {
        float[] v = logits.toFloatArray();
        double[] logPi = new double[v.length];
        for (int c = 0; c < v.length; c++) {
            // log sigmoid(v) = -softplus(-v), computed without overflow
            double logSigmoid = -(Math.max(-v[c], 0) + Math.log1p(Math.exp(-Math.abs(v[c]))));
            logPi[c] = logCounts[c] + logSigmoid;
        }
        return logPi;
    }

    /**
     * Draws the classes of a batch by hard Gumbel-softmax.
     *
     * @param size   the batch's draws
     * @param random the run's random source (the Gumbel noise comes from it)
     * @return the drawn classes with their noise
     */
    public Draw draw(int size, RandomGenerator random) {
        double[] logPi = logClassWeights();
        int classes = logPi.length;
        float[] noise = new float[size * classes];
        int[] drawn = new int[size];
        for (int b = 0; b < size; b++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                // g = -log(-log u), u in (0, 1)
                double u = Math.max(random.nextDouble(), Double.MIN_NORMAL);
                float g = (float) -Math.log(-Math.log(u));
                noise[b * classes + c] = g;
                if (logPi[c] + g > best) {
                    best = logPi[c] + g;
                    drawn[b] = c;
                }
            }
        }
        return new Draw(drawn, noise);
    }

    /**
     * One meta step: Adam moves the sampler's logits along the gradient of the meta batch's
     * cross-entropy after one differentiable SGD step of the classifier on the drawn batch.
     *
     * @param draw          the draw the batch was made from
     * @param features      B x D frozen features of the drawn batch (no gradient)
     * @param labels        B labels of the drawn batch (the draw's classes)
     * @param weight        C x D classifier weight (its value is read; it is not changed)
     * @param bias          C classifier bias
     * @param step          the classifier optimizer's step: learning rate, momentum, weight decay
     *                      and its momentum buffers
     * @param metaFeatures  M x D frozen features of the class-balanced meta batch
     * @param metaLabels    M labels of the meta batch
     * @return the meta batch's cross-entropy after the step, before the sampler moves
     */
    public double learn(Draw draw, NDArray features, NDArray labels, NDArray weight, NDArray bias,
            InnerStep inner, NDArray metaFeatures, NDArray metaLabels) {
        int size = draw.classes().length;
        int classes = classCounts.length;
        double learningRate = inner.learningRate();
        try (NDManager step = manager.newSubManager()) {
            // Every temporary on the step's manager: an operation's result belongs to its first
            // operand's manager, and the classifier's and the sampler's arrays live for the stage.
            NDArray w0 = onStep(weight.stopGradient(), step);
            NDArray b0 = onStep(bias.stopGradient(), step);
            // e_b = softmax(z_b + log n) - onehot(y_b): the balanced-softmax gradient of each sample.
            NDArray logPrior = step.create(toFloats(logCounts)).reshape(1, classes);
            NDArray z = features.matMul(w0.transpose()).add(b0.reshape(1, classes));
            NDArray targets = labels.toType(DataType.INT64, false).oneHot(classes, z.getDataType());
            NDArray errors = z.add(logPrior).softmax(1).sub(targets).stopGradient();
            NDArray noise = step.create(draw.noise(), new Shape(size, classes));
            NDArray drawnOneHot = step.create(draw.classes()).toType(DataType.INT64, false).oneHot(classes,
                    DataType.FLOAT32);
            double value;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                // log pi (unnormalised) + g, softmax over classes: the soft Gumbel-softmax sample.
                NDArray logPi = Activation.softPlus(onStep(logits.neg(), step)).neg().reshape(1, classes).add(logPrior);
                NDArray soft = logPi.add(noise).softmax(1);
                NDArray picked = soft.mul(drawnOneHot).sum(new int[] {1});
                NDArray sampleWeights = picked.sub(picked.stopGradient()).add(1);
                NDArray weighted = errors.mul(sampleWeights.reshape(size, 1)).div(size);
                NDArray gradW = weighted.transpose().matMul(features);
                NDArray gradB = weighted.sum(new int[] {0});
                NDArray directionW = gradW.add(w0.mul(inner.weightDecay()));
                NDArray directionB = gradB.add(b0.mul(inner.weightDecay()));
                if (inner.momentum() != 0 && inner.weightBuffer() != null && inner.biasBuffer() != null) {
                    // Copies on the device, owned by the step: the optimizer's buffers stay untouched.
                    directionW = directionW.add(onStep(inner.weightBuffer().duplicate(), step).mul(inner.momentum()));
                    directionB = directionB.add(onStep(inner.biasBuffer().duplicate(), step).mul(inner.momentum()));
                }
                NDArray steppedW = w0.sub(directionW.mul(learningRate));
                NDArray steppedB = b0.sub(directionB.mul(learningRate));
                NDArray metaLogits = metaFeatures.matMul(steppedW.transpose()).add(steppedB.reshape(1, classes));
                NDArray metaTargets = metaLabels.toType(DataType.INT64, false).reshape(-1, 1);
                NDArray metaLoss = metaLogits.logSoftmax(1).gather(metaTargets, 1).neg().mean();
                collector.backward(metaLoss);
                value = metaLoss.getFloat();
            }
            try (NDArray gradient = logits.getGradient()) {
                WithoutGradient.change(WithoutGradient.isPyTorch(logits), () -> adam.update(PARAMETER_ID, logits, gradient));
            }
            return value;
        }
    }

    private static NDArray onStep(NDArray array, NDManager step) {
        array.attach(step);
        return array;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * The classifier optimizer's step that the meta step differentiates through.
     *
     * @param learningRate the step's learning rate
     * @param momentum     heavy-ball momentum factor (0: none)
     * @param weightDecay  L2 weight decay, on weight and bias
     * @param weightBuffer the optimizer's momentum buffer of the weight (C x D, on the weight's
     *                     device; read, never changed), or {@code null} before its first step
     * @param biasBuffer   the momentum buffer of the bias, or {@code null} before the first step
     */
    public record InnerStep(double learningRate, double momentum, double weightDecay, NDArray weightBuffer,
            NDArray biasBuffer) {
    }

    /**
     * The classes of one batch's draws and the Gumbel noise they were drawn with.
     *
     * @param classes the drawn class of every draw
     * @param noise   draws x classes Gumbel noise, row-major
     */
    public record Draw(int[] classes, float[] noise) {
    }
}
