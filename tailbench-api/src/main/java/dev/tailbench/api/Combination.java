package dev.tailbench.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.platform.commons.annotation.Testable;

/**
 * Marks a method of a {@link LongTailExperiment} class as one trick combination. The method
 * returns the {@link Recipe} to train; its name is the combination's name, used in unique ids,
 * result paths and relative budgets. It takes no parameters, or sweeps each of them over the
 * values its {@link Values} declares: then it is one combination per value set, named
 * {@code method[name=value,...]}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Testable
public @interface Combination {

    /** Extra tags for filtering with {@code -Dgroups}. */
    String[] tags() default {};
}
