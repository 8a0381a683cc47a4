package dev.tailbench.engine.shard;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tailbench.engine.descriptor.CombinationDescriptor;
import dev.tailbench.engine.descriptor.ExperimentDescriptor;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;

/**
 * Prunes a discovered tree to one shard. Descriptors of other shards are removed from the
 * hierarchy before the launcher sees the tree, so they are neither run nor reported (not even as
 * skipped), nor are their declaration problems; an experiment left without combinations goes too:
 * an empty shard is an empty, successful run.
 */
public final class ShardFilter {

    private ShardFilter() {
    }

    /**
     * Keeps only the shard's combinations under {@code engine}.
     *
     * @return what the shard holds, for the one line the engine prints
     */
    public static Outcome apply(Shard shard, TestDescriptor engine) {
        int combinations = 0;
        int keptCombinations = 0;
        int experiments = 0;
        int keptExperiments = 0;
        for (TestDescriptor child : List.copyOf(engine.getChildren())) {
            if (!(child instanceof ExperimentDescriptor experiment)) {
                continue;
            }
            experiments++;
            if (!experiment.declaration().classProblems().isEmpty()) {
                // A broken class has no combinations to group; it fails in exactly one shard,
                // placed by its own unique id.
                if (shard.holds(experiment.getUniqueId().toString())) {
                    keptExperiments++;
                }
                else {
                    experiment.removeFromHierarchy();
                }
                continue;
            }
            CombinationGroups groups = CombinationGroups.of(experiment);
            for (TestDescriptor node : List.copyOf(experiment.getChildren())) {
                if (!(node instanceof CombinationDescriptor combination)) {
                    continue;
                }
                combinations++;
                if (shard.holds(groups.key(combination.combination()))) {
                    keptCombinations++;
                }
                else {
                    combination.removeFromHierarchy();
                }
            }
            if (experiment.getChildren().isEmpty()) {
                experiment.removeFromHierarchy();
            }
            else {
                keptExperiments++;
            }
        }
        return new Outcome(shard, keptCombinations, combinations, keptExperiments, experiments);
    }

    /**
     * The discovery issues that concern what is left under {@code engine} after {@link #apply}:
     * those whose source (the class or method at fault) is a remaining descriptor's, and those
     * without a source. A broken combination is then reported by the shard that runs it only.
     */
    public static List<DiscoveryIssue> issuesOfKept(List<DiscoveryIssue> issues, TestDescriptor engine) {
        Set<TestSource> kept = engine.getDescendants().stream().map(TestDescriptor::getSource)
                .flatMap(Optional::stream).collect(Collectors.toSet());
        return issues.stream().filter(issue -> issue.source().map(kept::contains).orElse(true)).toList();
    }

    /**
     * What a shard holds of the discovered tree.
     *
     * @param shard            the shard
     * @param combinations     combinations it holds
     * @param allCombinations  combinations discovered in all shards together
     * @param experiments      experiments it holds (a broken class counts, having no combinations)
     * @param allExperiments   experiments discovered in all shards together
     */
    public record Outcome(Shard shard, int combinations, int allCombinations, int experiments, int allExperiments) {

        /** One line for the log, e.g. {@code tailbench shard 2/4: 19 of 52 combinations in 8 of 8 experiments}. */
        public String describe() {
            if (allExperiments == 0) {
                // Surefire leaves out a class whose discovery found no test, so a shard that holds
                // nothing is executed with no experiment at all.
                return "tailbench shard " + shard
                        + ": 0 combinations (no experiment selected holds one in this shard)";
            }
            return "tailbench shard " + shard + ": " + combinations + " of " + allCombinations + " combinations in "
                    + experiments + " of " + allExperiments + " experiments";
        }
    }
}
