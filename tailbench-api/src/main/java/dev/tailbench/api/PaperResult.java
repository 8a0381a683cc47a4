package dev.tailbench.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A published top-1 error of the combination, with the protocol it was measured under. It is a
 * budget (error + tolerance) only for a run that matches that protocol: same data set, CIFAR-LT
 * variant, imbalance factor, backbone and epochs. Any other run reports the figure next to its own
 * error and marks the budget not applicable; if no other budget judges it, the test is aborted,
 * never passed.
 *
 * <pre>{@code
 * @Combination
 * @PaperResult(dataset = "cifar-10", variant = "cui", imbalance = 100, error = 23.63,
 *         source = "BagofTricks-LT documents/trick_gallery.md @46e1ca3")
 * Recipe balancedSoftmax() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(PaperResults.class)
public @interface PaperResult {

    /** Data set of the published run, a registered name such as {@code cifar-10}. */
    String dataset();

    /**
     * How the long-tailed subset was drawn: {@code cui} (Cui et al.'s files, used by the Bag of
     * Tricks paper) or {@code cao} (LDAM's numpy draw with seed 0).
     */
    String variant();

    /** Imbalance factor n_max / n_min. */
    double imbalance();

    /** Published top-1 error in percent. */
    double error();

    /** Where the figure is published: document, table and version. */
    String source();

    /** Backbone of the published run. */
    String backbone() default "resnet32";

    /** Epochs of the published run (the paper's mixup runs use 400). */
    int epochs() default 200;

    /** Points a matching run may exceed the published error by (seed-to-seed spread is about 1 point). */
    double tolerance() default 1.0;
}
