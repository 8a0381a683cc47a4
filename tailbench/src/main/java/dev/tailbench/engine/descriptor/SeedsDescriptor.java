package dev.tailbench.engine.descriptor;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tailbench.engine.discovery.ExperimentDeclaration;
import dev.tailbench.engine.execution.TailbenchExecutionContext;
import dev.tailbench.spec.RunSpec;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The last child of a combination with several seeds: its error over the seeds (mean, spread,
 * confidence interval) and, with a relative budget, the paired test over the seeds that decides it.
 * A test of its own so that the verdict and p-value show in every report, with a stable unique id
 * ({@code .../[combination:x]/[seeds:all]}) so that report history follows it.
 */
public final class SeedsDescriptor extends AbstractTestDescriptor implements Node<TailbenchExecutionContext> {

    /** Unique id segment type of the summary over seeds. */
    public static final String SEGMENT_TYPE = "seeds";

    /** Its only value. */
    public static final String SEGMENT_VALUE = "all";

    private final ExperimentDeclaration declaration;
    private final String combination;
    private final Set<TestTag> tags;

    public SeedsDescriptor(CombinationDescriptor parent, ExperimentDeclaration declaration) {
        super(parent.getUniqueId().append(SEGMENT_TYPE, SEGMENT_VALUE), "seeds " + declaration.seeds().stream()
                .map(String::valueOf).collect(Collectors.joining(", ")) + ": spread and paired test",
                parent.getSource().orElse((TestSource) null));
        this.declaration = declaration;
        this.combination = parent.combination();
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

    @Override
    public TailbenchExecutionContext execute(TailbenchExecutionContext context, DynamicTestExecutor executor) {
        List<RunSpec> seeds = declaration.seeds().stream().map(seed -> declaration.runSpec(combination, seed)).toList();
        context.summarize(this, seeds);
        return context;
    }
}
