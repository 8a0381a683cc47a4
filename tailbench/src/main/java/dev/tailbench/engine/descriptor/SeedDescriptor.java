package dev.tailbench.engine.descriptor;

import java.util.List;
import java.util.Set;

import dev.tailbench.engine.discovery.ExperimentDeclaration;
import dev.tailbench.engine.execution.TailbenchExecutionContext;
import dev.tailbench.spec.RunSpec;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/** One seed of a combination declared with several seeds. */
public final class SeedDescriptor extends AbstractTestDescriptor implements Node<TailbenchExecutionContext> {

    /** Unique id segment type of seeds; the value is the seed. */
    public static final String SEGMENT_TYPE = "seed";

    private final ExperimentDeclaration declaration;
    private final String combination;
    private final long seed;
    private final Set<TestTag> tags;

    public SeedDescriptor(CombinationDescriptor parent, ExperimentDeclaration declaration, long seed) {
        super(parent.getUniqueId().append(SEGMENT_TYPE, Long.toString(seed)), "seed " + seed,
                parent.getSource().orElse((TestSource) null));
        this.declaration = declaration;
        this.combination = parent.combination();
        this.seed = seed;
        this.tags = parent.getTags();
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    /** The run this test executes, with its combination's relative budget (whose reference it may train). */
    List<RunSpec> plannedRuns() {
        return declaration.combinationProblem(combination).isPresent() ? List.of()
                : List.of(declaration.runSpec(combination, seed));
    }

    @Override
    public TailbenchExecutionContext execute(TailbenchExecutionContext context, DynamicTestExecutor executor) {
        // The relative budget is decided over all seeds by SeedsDescriptor, not seed by seed.
        context.execute(this, declaration.runSpec(combination, seed).withoutRelativeBudget());
        return context;
    }
}
