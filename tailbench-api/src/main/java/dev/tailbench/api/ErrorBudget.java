package dev.tailbench.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The top-1 error (in %, on the balanced test set) a combination must not exceed.
 *
 * <p>Either absolute ({@code max = 30.0}) or relative to another combination of the same
 * experiment ({@code notWorseThan = "crossEntropy", margin = 1.0}: at most the other's error plus
 * one point, same seed). Both may be given; both must hold. The last epoch's error is judged
 * unless {@link #on()} says otherwise.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ErrorBudget {

    /** Absolute budget in error percent; NaN (the default) means none. */
    double max() default Double.NaN;

    /** Name of another combination of the same experiment to compare with; empty means none. */
    String notWorseThan() default "";

    /** Points of error allowed above the referenced combination. */
    double margin() default 0.0;

    /** Which epoch's error is judged. */
    Epoch on() default Epoch.LAST;

    /** Which epoch's test error a budget is judged on. */
    enum Epoch {
        /** The error after the final epoch: what a deployed model would have. */
        LAST,
        /**
         * The test error at the epoch the validation split selects (lowest validation error):
         * needs {@code @LongTailExperiment(validationPerClass)}.
         */
        VALIDATION,
        /**
         * The lowest test error over all epochs, selected on the test set as the papers' code
         * bases report it: for parity with a published figure only, never a fair selection.
         */
        BEST_ON_TEST;

        /** The name results and budgets use: {@code last}, {@code validation}, {@code best-on-test}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
