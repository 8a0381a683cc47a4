package dev.tailbench.engine.discovery;

import java.lang.reflect.Method;
import java.util.Optional;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * A mistake in an experiment's declaration, with the class or method at fault.
 *
 * @param experiment the experiment class
 * @param member     the method at fault, or null when the class annotation is
 * @param message    what is wrong, naming the annotation attribute
 */
public record DeclarationProblem(Class<?> experiment, Method member, String message) {

    /** The source an IDE can jump to. */
    public TestSource source() {
        return member == null ? ClassSource.from(experiment) : MethodSource.from(experiment, member);
    }

    /** Where the problem is, e.g. {@code com.acme.Baselines#crossEntropy()}. */
    public String location() {
        return experiment.getName() + Optional.ofNullable(member).map(m -> "#" + m.getName() + "()").orElse("");
    }

    /** The full message: location and problem. */
    public String describe() {
        return location() + ": " + message;
    }

    /**
     * As a discovery issue. WARNING, not ERROR: the launcher aborts a whole engine on critical
     * (ERROR) issues, and one broken experiment must not stop the others; the broken node also
     * fails when executed so that the build still goes red.
     */
    public DiscoveryIssue toIssue() {
        return DiscoveryIssue.builder(DiscoveryIssue.Severity.WARNING, describe()).source(source()).build();
    }
}
