package dev.tailbench.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.platform.commons.annotation.Testable;

/**
 * Declares a class as a long-tailed recognition experiment: the shared setting (data set,
 * imbalance, backbone, schedule, seeds) under which every {@link Combination} method of the
 * class is trained and judged.
 *
 * <p>Defaults follow the CIFAR recipe of the Bag of Tricks paper (Zhang et al., AAAI 2021):
 * batch 128, SGD with Nesterov momentum 0.9, learning rate 0.1, weight decay 2e-4, linear
 * warm-up, learning rate multiplied by 0.01 at 80% and 90% of the epochs (160 and 180 of 200).
 * Numbers given here can be overridden for a whole run by configuration parameters (see
 * {@code dev.tailbench.engine.Constants}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Testable
public @interface LongTailExperiment {

    /** Data set name: {@code fashion-mnist}, {@code mnist}, {@code cifar-10} or {@code cifar-100}. */
    String dataset();

    /** Imbalance factor n_max / n_min of the training set; 1 keeps the pool balanced. */
    double imbalance() default 100;

    /** Long-tail profile: {@code exponential} (CIFAR-LT) or {@code step}. */
    String profile() default "exponential";

    /** Seed of the long-tailed subset draw; recorded in every result. */
    long dataSeed() default 0;

    /**
     * Images per class held out of the training pool, before the long-tailed subset is drawn from
     * what remains, to select the model without looking at the test set: each epoch is evaluated on
     * them, the result reports the test error at the epoch they select ({@code top1Error.validationSelected})
     * next to the last epoch's, tau-normalisation and the fine-tuning stage start from that epoch's
     * model, and {@code @ErrorBudget(on = VALIDATION)} judges it.
     *
     * <p>The default, -1, holds out max(20, ceil(1000 / classes)) images per class (100 on 10
     * classes, 20 on 100 classes or more), but no more than a tenth of the pool's smallest class
     * (at least 1), on the {@code tailbench} variant; the {@code cao} and {@code cui} variants train
     * on the reference's fixed subset and hold none out. 0 holds none out (then the only selection
     * is on the test set, reported as best-on-test, as the papers' code does). A positive number is
     * taken as given, on the {@code tailbench} variant only.
     */
    int validationPerClass() default -1;

    /**
     * How the long-tailed training set is obtained: {@code tailbench} (tailbench's own seeded draw,
     * any data set), {@code cao} (LDAM-DRW's numpy draw, image for image; the published figures use
     * {@code dataSeed = 0}) or {@code cui} (Cui et al.'s CIFAR-LT TFRecord files, read from the data
     * directory). A published figure is a budget only for a run on its own variant.
     */
    String variant() default "tailbench";

    /**
     * Backbone: {@code resnet32} (the papers' CIFAR ResNet), {@code resnet20} or {@code resnet8}
     * (the small ResNet for 28x28 grey images). Empty picks {@code resnet32} for 32x32 data and
     * {@code resnet8} otherwise.
     */
    String backbone() default "";

    /** Training epochs. */
    int epochs() default 200;

    /** Mini-batch size. */
    int batchSize() default 128;

    /** Training seeds; with more than one, each combination runs once per seed. */
    long[] seeds() default {1};

    /** Base learning rate after warm-up. */
    double learningRate() default 0.1;

    /** SGD momentum (Nesterov). */
    double momentum() default 0.9;

    /** L2 weight decay. */
    double weightDecay() default 2e-4;

    /**
     * The reference's {@code WARM_EPOCH}: the rate rises linearly over the 1-based epochs below it
     * (5: epochs 1 to 4 at 0.47, 0.6, 0.73, 0.87 times the rate, as BagofTricks-LT steps its
     * scheduler before each epoch); -1 takes {@code min(5, 1 + epochs / 10)}, so that short runs
     * still spend most of their time at the base rate.
     */
    int warmupEpochs() default -1;

    /**
     * 1-based epochs from which the learning rate is multiplied by {@link #lrDecay()} once more
     * (the paper: 160 and 180 of 200); a recipe's deferred stage starts the epoch after the first
     * (161, as BagofTricks-LT's DRW and DRS). Empty takes 160 and 180 scaled to the epochs.
     * Scaled with {@code tailbench.epochs}: the epochs before each milestone are scaled.
     */
    int[] milestones() default {};

    /** Learning-rate factor applied at each milestone. */
    double lrDecay() default 0.01;

    /** Extra tags for filtering with {@code -Dgroups}; the data set name is always a tag. */
    String[] tags() default {};

    /**
     * The combination every other is compared with in the experiment's summary table (the paired
     * difference of the last-epoch error over common seeds, with its confidence interval and
     * p-value). Empty: the combination the relative budgets name, when they all name the same
     * one; otherwise the table has no such comparison. Only reported, never a budget.
     */
    String baseline() default "";
}
