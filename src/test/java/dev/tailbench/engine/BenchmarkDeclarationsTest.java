package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.List;

import dev.tailbench.engine.descriptor.CombinationDescriptor;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The main job's experiments (benchmarks/) are declared correctly: discovering them reports no
 * problem, so a mistake there fails the tests rather than the nightly run.
 */
class BenchmarkDeclarationsTest {

    private static EngineDiscoveryResults discover(String packageName) {
        return EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID).selectors(selectPackage(packageName)).discover();
    }

    @Test
    void everyBenchmarkExperimentIsValid() {
        EngineDiscoveryResults results = discover("dev.tailbench.benchmarks");
        assertThat(results.getDiscoveryIssues()).isEmpty();
        assertThat(results.getEngineDescriptor().getChildren()).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void thePaperTablesHoldEveryRowAndAreTaggedForThePaperProtocol() {
        EngineDiscoveryResults results = discover("dev.tailbench.benchmarks.paper");
        List<? extends TestDescriptor> combinations = results.getEngineDescriptor().getDescendants().stream()
                .filter(CombinationDescriptor.class::isInstance).toList();
        // 12 re-weighting, 7 re-sampling, 4 mixup, 6 DRW, 7 DRS, 3 classifier balancing, 7 combinations.
        assertThat(combinations).hasSize(46);
        assertThat(combinations).allSatisfy(c -> assertThat(c.getTags()).contains(TestTag.create("paper-protocol")));
    }
}
