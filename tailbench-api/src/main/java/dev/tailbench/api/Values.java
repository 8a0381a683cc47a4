package dev.tailbench.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a parameter of a {@link Combination} method sweeps, as JMH's {@code @Param} does: a
 * method whose parameters all carry {@code @Values} is one combination per element of their cross
 * product, named {@code method[name=value,...]} (e.g. {@code focal[gamma=0.5]}) in its display
 * name, unique id, result path and result JSON; {@link ErrorBudget} applies to each, and another
 * combination's {@code notWorseThan} may name one of them by that name.
 *
 * <pre>{@code
 * @Combination
 * @ErrorBudget(notWorseThan = "crossEntropy", margin = 1.0)
 * Recipe focal(@Values({"0.5", "1", "2"}) double gamma) {
 *     return Recipe.builder().optLoss(Losses.focal(gamma)).build();
 * }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Values {

    /**
     * The values in order, as text, converted to the parameter's type: {@code String}, {@code int},
     * {@code long}, {@code double}, {@code float}, {@code boolean} (or their boxes), or an enum
     * constant's name. Letters, digits and {@code . _ + -} only, since they are part of names and
     * paths.
     */
    String[] value();

    /**
     * The parameter's name in the combination's name. Default: the name compiled into the class,
     * which needs {@code javac -parameters} ({@code maven.compiler.parameters}); without it, set it.
     */
    String name() default "";
}
