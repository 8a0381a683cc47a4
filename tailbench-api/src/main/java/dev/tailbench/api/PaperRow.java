package dev.tailbench.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The published figures of one row of a paper table shipped with tailbench
 * ({@code reports/paper-tables/*.json}), by the row's id: every data set and imbalance the row
 * reports becomes a {@link PaperResult} with the row's variant, backbone, epochs and source, so a
 * number is written once, with its source, and not repeated in code.
 *
 * <pre>{@code
 * @Combination
 * @PaperRow("bag-of-tricks/cui/balanced-softmax")
 * @PaperRow("bag-of-tricks/cao/balanced-softmax")
 * Recipe balancedSoftmax() { ... }
 * }</pre>
 *
 * An id that names no row is a discovery error naming the combination.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(PaperRows.class)
public @interface PaperRow {

    /** The row's id, {@code <table>/<variant>/<row>}, e.g. {@code bag-of-tricks/cui/cross-entropy}. */
    String value();

    /** Points a matching run may exceed each published error by. */
    double tolerance() default 1.0;
}
