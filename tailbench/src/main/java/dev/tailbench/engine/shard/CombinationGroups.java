package dev.tailbench.engine.shard;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tailbench.engine.descriptor.ExperimentDescriptor;
import dev.tailbench.engine.discovery.ExperimentDeclaration;

/**
 * The combinations of one experiment that must run in the same shard, and the key that places
 * each group.
 *
 * <p>A group is a connected set of combinations linked by comparisons
 * ({@link ExperimentDeclaration#comparedWith}): a relative budget needs its reference's result on
 * the same machine (else {@code RunService} trains the reference a second time), and the summary
 * table compares every row with the baseline. Comparisons never cross experiments, so a group
 * lies within one experiment class; experiments without comparisons (the paper's tables) are
 * spread one combination at a time, which balances shards far better than whole classes would.
 *
 * <p>A group's key is the smallest unique id (as a string) among all its declared combinations,
 * not only the selected ones: selecting a single combination (by method or unique id) puts it in
 * the same shard as a run of the whole suite.
 */
final class CombinationGroups {

    private final Map<String, String> keys = new HashMap<>();

    private CombinationGroups(ExperimentDescriptor experiment) {
        ExperimentDeclaration declaration = experiment.declaration();
        List<String> names = declaration.declaredCombinationNames();
        Map<String, Set<String>> neighbours = new HashMap<>();
        for (String name : names) {
            for (String other : declaration.comparedWith(name)) {
                neighbours.computeIfAbsent(name, n -> new HashSet<>()).add(other);
                neighbours.computeIfAbsent(other, n -> new HashSet<>()).add(name);
            }
        }
        Set<String> placed = new HashSet<>();
        for (String start : names) {
            if (placed.contains(start)) {
                continue;
            }
            Set<String> group = new HashSet<>();
            Deque<String> pending = new ArrayDeque<>(List.of(start));
            while (!pending.isEmpty()) {
                String name = pending.pop();
                if (group.add(name)) {
                    pending.addAll(neighbours.getOrDefault(name, Set.of()));
                }
            }
            String key = group.stream().map(name -> experiment.combinationId(name).toString())
                    .min(Comparator.naturalOrder()).orElseThrow();
            group.forEach(name -> keys.put(name, key));
            placed.addAll(group);
        }
    }

    /** The groups of an experiment's declared combinations. */
    static CombinationGroups of(ExperimentDescriptor experiment) {
        return new CombinationGroups(experiment);
    }

    /** The key of the group a declared combination belongs to. */
    String key(String combination) {
        String key = keys.get(combination);
        if (key == null) {
            throw new IllegalArgumentException("no declared combination '" + combination + "'");
        }
        return key;
    }
}
