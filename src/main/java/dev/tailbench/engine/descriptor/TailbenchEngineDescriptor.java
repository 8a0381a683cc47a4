package dev.tailbench.engine.descriptor;

import dev.tailbench.engine.execution.TailbenchExecutionContext;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/** The root: closes the run service (native memory of cached data sets) when everything ran. */
public final class TailbenchEngineDescriptor extends EngineDescriptor implements Node<TailbenchExecutionContext> {

    public TailbenchEngineDescriptor(UniqueId uniqueId) {
        super(uniqueId, "tailbench");
    }

    @Override
    public void after(TailbenchExecutionContext context) {
        context.runs().close();
    }
}
