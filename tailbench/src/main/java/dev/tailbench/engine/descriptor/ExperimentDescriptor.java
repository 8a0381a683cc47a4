package dev.tailbench.engine.descriptor;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tailbench.engine.discovery.DeclarationProblem;
import dev.tailbench.engine.discovery.ExperimentDeclaration;
import dev.tailbench.engine.execution.TailbenchExecutionContext;

import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/** An experiment class: the container of its combinations. */
public final class ExperimentDescriptor extends AbstractTestDescriptor implements Node<TailbenchExecutionContext> {

    /** Unique id segment type of experiments; the value is the class name. */
    public static final String SEGMENT_TYPE = "experiment";

    private final ExperimentDeclaration declaration;

    public ExperimentDescriptor(UniqueId parentId, ExperimentDeclaration declaration) {
        super(parentId.append(SEGMENT_TYPE, declaration.experimentClass().getName()),
                declaration.experimentClass().getSimpleName(), ClassSource.from(declaration.experimentClass()));
        this.declaration = declaration;
    }

    public ExperimentDeclaration declaration() {
        return declaration;
    }

    /** Unique id of a combination of this experiment. */
    public UniqueId combinationId(String combination) {
        return getUniqueId().append(CombinationDescriptor.SEGMENT_TYPE, combination);
    }

    @Override
    public Type getType() {
        // A broken class has no children; as a test it shows up in reports as a failure.
        return declaration.classProblems().isEmpty() ? Type.CONTAINER : Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return declaration.tags().stream().map(TestTag::create).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    @Override
    public TailbenchExecutionContext execute(TailbenchExecutionContext context, DynamicTestExecutor executor) {
        List<DeclarationProblem> problems = declaration.classProblems();
        if (!problems.isEmpty()) {
            throw new InvalidDeclarationException(problems.stream().map(DeclarationProblem::describe)
                    .collect(Collectors.joining("\n")));
        }
        return context;
    }

    @Override
    public void after(TailbenchExecutionContext context) {
        try {
            context.summarizeExperiment(this, declaration.experimentClass().getName(), declaration.baseline().orElse(null));
        }
        finally {
            context.runs().releaseData();
        }
    }

    /** Children in the order runs must happen: a reference before the runs compared with it. */
    public void orderChildrenByReference() {
        List<String> order = declaration.combinationNames();
        orderChildren(children -> children.stream().sorted(java.util.Comparator.comparingInt(child -> {
            String name = child.getUniqueId().getLastSegment().getValue();
            int index = order.indexOf(name);
            return index < 0 ? Integer.MAX_VALUE : index;
        })).toList());
    }
}
