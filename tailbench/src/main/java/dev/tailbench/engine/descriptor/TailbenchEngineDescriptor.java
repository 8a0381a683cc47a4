package dev.tailbench.engine.descriptor;

import java.util.Optional;

import dev.tailbench.engine.execution.TailbenchExecutionContext;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The root: closes the run service (native memory of cached data sets) when everything ran, and
 * holds what discovery has to tell once the tree runs (which shard it is).
 */
public final class TailbenchEngineDescriptor extends EngineDescriptor implements Node<TailbenchExecutionContext> {

    private String announcement;

    public TailbenchEngineDescriptor(UniqueId uniqueId) {
        super(uniqueId, "tailbench");
    }

    /** A line to print when the tree is executed. */
    public void announceAtStart(String line) {
        this.announcement = line;
    }

    /** The line to print when the tree is executed, if any. */
    public Optional<String> announcement() {
        return Optional.ofNullable(announcement);
    }

    @Override
    public void after(TailbenchExecutionContext context) {
        context.runs().close();
    }
}
