package dev.tailbench.engine;

import java.util.Optional;

import dev.tailbench.engine.descriptor.ExperimentDescriptor;
import dev.tailbench.engine.descriptor.TailbenchEngineDescriptor;
import dev.tailbench.engine.discovery.ExperimentDeclaration;
import dev.tailbench.engine.discovery.ExperimentSelectorResolver;
import dev.tailbench.engine.execution.TailbenchExecutionContext;
import dev.tailbench.run.RunService;
import dev.tailbench.run.RunSettings;

import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;

/**
 * The tailbench test engine: discovers {@code @LongTailExperiment} classes and trains each
 * combination when executed. Runs happen one after another (DJL allows one autograd session
 * per JVM), so the engine never executes nodes in parallel.
 */
public final class TailbenchTestEngine extends HierarchicalTestEngine<TailbenchExecutionContext> {

    /** The engine id, first segment of every unique id. */
    public static final String ENGINE_ID = "tailbench";

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.tailbench");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("tailbench");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        TailbenchConfiguration configuration = TailbenchConfiguration.from(request.getConfigurationParameters());
        TailbenchEngineDescriptor engine = new TailbenchEngineDescriptor(uniqueId);
        EngineDiscoveryRequestResolver.<TailbenchEngineDescriptor>builder()
                .addClassContainerSelectorResolver(ExperimentDeclaration::isExperiment)
                .addSelectorResolver(context -> new ExperimentSelectorResolver(configuration,
                        context.getIssueReporter()))
                .addTestDescriptorVisitor(context -> descriptor -> {
                    if (descriptor instanceof ExperimentDescriptor experiment) {
                        experiment.orderChildrenByReference();
                    }
                })
                .build()
                .resolve(request, engine);
        return engine;
    }

    @Override
    protected TailbenchExecutionContext createExecutionContext(ExecutionRequest request) {
        TailbenchConfiguration configuration = TailbenchConfiguration.from(request.getConfigurationParameters());
        CheckpointConfiguration checkpoints = CheckpointConfiguration.from(request.getConfigurationParameters());
        return new TailbenchExecutionContext(new RunService(new RunSettings(configuration.resultsDir(),
                configuration.threads(), configuration.progress(), configuration.shotThresholds(), configuration.alpha(),
                checkpoints.interval(), checkpoints.resume(), checkpoints.rerun())),
                request.getEngineExecutionListener());
    }
}
