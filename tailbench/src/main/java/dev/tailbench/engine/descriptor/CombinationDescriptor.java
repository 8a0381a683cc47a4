package dev.tailbench.engine.descriptor;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tailbench.engine.discovery.DeclarationProblem;
import dev.tailbench.engine.discovery.ExperimentDeclaration;
import dev.tailbench.engine.execution.TailbenchExecutionContext;
import dev.tailbench.spec.RunSpec;

import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One combination (a {@code @Combination} method). With a single seed it is the test itself;
 * with several it is the container of one {@link SeedDescriptor} per seed and, last, the
 * {@link SeedsDescriptor} that summarises them and decides a relative budget.
 */
public final class CombinationDescriptor extends AbstractTestDescriptor implements Node<TailbenchExecutionContext> {

    /** Unique id segment type of combinations; the value is the method name. */
    public static final String SEGMENT_TYPE = "combination";

    private final ExperimentDeclaration declaration;
    private final String combination;

    public CombinationDescriptor(UniqueId uniqueId, ExperimentDeclaration declaration, String combination,
            Method method) {
        super(uniqueId, combination, MethodSource.from(declaration.experimentClass(), method));
        this.declaration = declaration;
        this.combination = combination;
    }

    public String combination() {
        return combination;
    }

    /** Whether each seed is a child test. */
    public boolean hasSeedChildren() {
        return problem().isEmpty() && declaration.seeds().size() > 1;
    }

    @Override
    public Type getType() {
        return hasSeedChildren() ? Type.CONTAINER : Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return declaration.tags(combination).stream().map(TestTag::create)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public TailbenchExecutionContext execute(TailbenchExecutionContext context, DynamicTestExecutor executor) {
        problem().ifPresent(problem -> {
            throw new InvalidDeclarationException(problem.describe());
        });
        if (!hasSeedChildren()) {
            context.execute(this, declaration.runSpec(combination, declaration.seeds().get(0)));
        }
        return context;
    }

    /** The run this test executes (none when it has seed children or a declaration problem). */
    List<RunSpec> plannedRuns() {
        return hasSeedChildren() || problem().isPresent() ? List.of()
                : List.of(declaration.runSpec(combination, declaration.seeds().get(0)));
    }

    private Optional<DeclarationProblem> problem() {
        return declaration.combinationProblem(combination);
    }
}
