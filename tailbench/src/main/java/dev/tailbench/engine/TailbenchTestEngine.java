package dev.tailbench.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tailbench.engine.descriptor.ExperimentDescriptor;
import dev.tailbench.engine.descriptor.PlannedRuns;
import dev.tailbench.engine.descriptor.TailbenchEngineDescriptor;
import dev.tailbench.engine.discovery.ExperimentDeclaration;
import dev.tailbench.engine.discovery.ExperimentSelectorResolver;
import dev.tailbench.engine.execution.TailbenchExecutionContext;
import dev.tailbench.engine.shard.Shard;
import dev.tailbench.engine.shard.ShardFilter;
import dev.tailbench.run.RunService;
import dev.tailbench.run.RunSettings;
import dev.tailbench.spec.SharedFirstStages;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
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
        Optional<Shard> shard = configuration.shard();
        TailbenchEngineDescriptor engine = new TailbenchEngineDescriptor(uniqueId);
        // A shard reports only the declaration problems of what it keeps, so they are held back
        // until the tree is pruned.
        List<DiscoveryIssue> heldIssues = new ArrayList<>();
        EngineDiscoveryRequestResolver.<TailbenchEngineDescriptor>builder()
                .addClassContainerSelectorResolver(ExperimentDeclaration::isExperiment)
                .addSelectorResolver(context -> new ExperimentSelectorResolver(configuration,
                        shard.isPresent() ? DiscoveryIssueReporter.collecting(heldIssues) : context.getIssueReporter()))
                .addTestDescriptorVisitor(context -> descriptor -> {
                    if (descriptor instanceof ExperimentDescriptor experiment) {
                        experiment.orderChildrenByReference();
                    }
                })
                .build()
                .resolve(request, engine);
        // Pruned once the tree is whole, so that one pass can drop the experiments it leaves empty
        // and count what the shard holds. Said when the tree runs, not here: Surefire also
        // discovers each class on its own first, which would print a line per class.
        shard.ifPresent(kept -> {
            ShardFilter.Outcome outcome = ShardFilter.apply(kept, engine);
            DiscoveryIssueReporter reporter = DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(),
                    uniqueId);
            ShardFilter.issuesOfKept(heldIssues, engine).forEach(reporter::reportIssue);
            engine.announceAtStart(outcome.describe());
        });
        return engine;
    }

    @Override
    protected TailbenchExecutionContext createExecutionContext(ExecutionRequest request) {
        if (request.getRootTestDescriptor() instanceof TailbenchEngineDescriptor engine) {
            engine.announcement().ifPresent(System.out::println);
        }
        TailbenchConfiguration configuration = TailbenchConfiguration.from(request.getConfigurationParameters());
        CheckpointConfiguration checkpoints = CheckpointConfiguration.from(request.getConfigurationParameters());
        return new TailbenchExecutionContext(new RunService(new RunSettings(configuration.resultsDir(),
                configuration.threads(), configuration.progress(), configuration.shotThresholds(), configuration.alpha(),
                checkpoints.interval(), checkpoints.resume(), checkpoints.rerun()),
                checkpoints.share() ? SharedFirstStages.plan(PlannedRuns.of(request.getRootTestDescriptor()))
                        : SharedFirstStages.none()),
                request.getEngineExecutionListener());
    }
}
