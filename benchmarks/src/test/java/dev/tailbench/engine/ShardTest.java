package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tailbench.api.Combination;
import dev.tailbench.api.ErrorBudget;
import dev.tailbench.api.LongTailExperiment;
import dev.tailbench.benchmarks.FashionMnistLtRegression;
import dev.tailbench.engine.descriptor.CombinationDescriptor;
import dev.tailbench.engine.descriptor.ExperimentDescriptor;
import dev.tailbench.engine.descriptor.TailbenchEngineDescriptor;
import dev.tailbench.engine.fixtures.BrokenExperiments;
import dev.tailbench.engine.fixtures.SeededExperiment;
import dev.tailbench.engine.fixtures.ShardingExperiments;
import dev.tailbench.engine.fixtures.TinyExperiment;
import dev.tailbench.engine.shard.Shard;
import dev.tailbench.engine.shard.ShardFilter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code tailbench.shard}: the shards of a suite partition its tests, keep compared combinations
 * together, and place each combination the same way whatever else is discovered. Discovery only:
 * nothing is trained.
 */
class ShardTest {

    /**
     * The real suites (benchmarks/) and fixtures with every kind of link, seeds, a broken class
     * and broken combinations.
     */
    private static final DiscoverySelector[] SUITE = {selectPackage("dev.tailbench.benchmarks"),
            selectClass(ShardingExperiments.Chains.class), selectClass(ShardingExperiments.DeclaredBaseline.class),
            selectClass(ShardingExperiments.Independent.class), selectClass(TinyExperiment.class),
            selectClass(SeededExperiment.class), selectClass(BrokenExperiments.UnknownDataset.class),
            selectClass(BrokenExperiments.BadCombinations.class)};

    private static final UniqueId ENGINE = UniqueId.forEngine(TailbenchTestEngine.ENGINE_ID);

    private static EngineDiscoveryResults discover(String shard, DiscoverySelector... selectors) {
        return discover(shard, Map.of(), selectors);
    }

    private static EngineDiscoveryResults discover(String shard, Map<String, String> parameters,
            DiscoverySelector... selectors) {
        EngineTestKit.Builder builder = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID).selectors(selectors)
                .configurationParameters(parameters);
        if (shard != null) {
            builder.configurationParameter(Constants.SHARD, shard);
        }
        return builder.discover();
    }

    private static Set<String> testIds(EngineDiscoveryResults results) {
        return results.getEngineDescriptor().getDescendants().stream().filter(TestDescriptor::isTest)
                .map(d -> d.getUniqueId().toString()).collect(Collectors.toSet());
    }

    private static Set<String> combinationIds(EngineDiscoveryResults results) {
        return results.getEngineDescriptor().getDescendants().stream().filter(CombinationDescriptor.class::isInstance)
                .map(d -> d.getUniqueId().toString()).collect(Collectors.toSet());
    }

    /** Every combination's unique id with the shard (1 to n) that holds it. */
    private static Map<String, Integer> shardOfCombinations(int count, DiscoverySelector... selectors) {
        return shardOfCombinations(count, Map.of(), selectors);
    }

    private static Map<String, Integer> shardOfCombinations(int count, Map<String, String> parameters,
            DiscoverySelector... selectors) {
        Map<String, Integer> shards = new HashMap<>();
        for (int index = 1; index <= count; index++) {
            for (String id : combinationIds(discover(index + "/" + count, parameters, selectors))) {
                assertThat(shards.put(id, index)).as("%s in two shards", id).isNull();
            }
        }
        return shards;
    }

    private static String combinationId(Class<?> experiment, String combination) {
        return ENGINE.append(ExperimentDescriptor.SEGMENT_TYPE, experiment.getName())
                .append(CombinationDescriptor.SEGMENT_TYPE, combination).toString();
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void theShardsPartitionTheSuiteAndNoneIsEmpty(int count) {
        EngineDiscoveryResults unsharded = discover(null, SUITE);
        Set<String> all = testIds(unsharded);
        assertThat(all).hasSizeGreaterThan(60);
        List<String> allIssues = issueMessages(unsharded);
        assertThat(allIssues).hasSize(5);
        Set<String> union = new HashSet<>();
        List<String> issues = new ArrayList<>();
        for (int index = 1; index <= count; index++) {
            EngineDiscoveryResults shard = discover(index + "/" + count, SUITE);
            Set<String> tests = testIds(shard);
            assertThat(tests).as("shard %d/%d", index, count).isNotEmpty().filteredOn(union::contains).isEmpty();
            union.addAll(tests);
            issues.addAll(issueMessages(shard));
        }
        assertThat(union).isEqualTo(all);
        // Each broken class or combination is reported by the one shard that runs (and fails) it.
        assertThat(issues).containsExactlyInAnyOrderElementsOf(allIssues);
    }

    private static List<String> issueMessages(EngineDiscoveryResults results) {
        return results.getDiscoveryIssues().stream().map(DiscoveryIssue::message).toList();
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {2, 3, 4, 5})
    void combinationsComparedWithEachOtherShareAShard(int count) {
        Map<String, Integer> shards = shardOfCombinations(count, SUITE);
        List<Class<?>> experiments = shards.keySet().stream()
                .map(id -> UniqueId.parse(id).getSegments().get(1).getValue()).distinct().map(ShardTest::load)
                .collect(Collectors.toList());
        assertThat(experiments).contains(ShardingExperiments.Chains.class, FashionMnistLtRegression.class);
        for (Class<?> experiment : experiments) {
            // Read from the annotations here, independently of how the engine groups them.
            List<Method> combinations = Arrays.stream(experiment.getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(Combination.class)).toList();
            Set<String> names = combinations.stream().map(Method::getName).collect(Collectors.toSet());
            Set<String> references = new HashSet<>();
            for (Method combination : combinations) {
                ErrorBudget budget = combination.getAnnotation(ErrorBudget.class);
                // A reference to no combination (BadCombinations) links nothing.
                if (budget != null && names.contains(budget.notWorseThan())) {
                    references.add(budget.notWorseThan());
                    assertThat(shards.get(combinationId(experiment, combination.getName())))
                            .as("%s#%s and its reference %s", experiment.getSimpleName(), combination.getName(),
                                    budget.notWorseThan())
                            .isEqualTo(shards.get(combinationId(experiment, budget.notWorseThan())));
                }
            }
            String declared = experiment.getAnnotation(LongTailExperiment.class).baseline();
            String baseline = !declared.isEmpty() ? declared : references.size() == 1 ? references.iterator().next()
                    : null;
            if (baseline != null && names.contains(baseline)) {
                for (Method combination : combinations) {
                    assertThat(shards.get(combinationId(experiment, combination.getName())))
                            .as("%s#%s and the baseline %s", experiment.getSimpleName(), combination.getName(),
                                    baseline)
                            .isEqualTo(shards.get(combinationId(experiment, baseline)));
                }
            }
        }
    }

    /** The chains and the declared baseline, spelled out: a per-combination hash would split them. */
    @Test
    void chainsAndDeclaredBaselinesStayWhole() {
        for (int count = 2; count <= 5; count++) {
            Map<String, Integer> shards = shardOfCombinations(count, selectClass(ShardingExperiments.Chains.class),
                    selectClass(ShardingExperiments.DeclaredBaseline.class));
            Class<?> chains = ShardingExperiments.Chains.class;
            assertThat(shards.get(combinationId(chains, "b"))).isEqualTo(shards.get(combinationId(chains, "a")));
            assertThat(shards.get(combinationId(chains, "c"))).isEqualTo(shards.get(combinationId(chains, "a")));
            assertThat(shards.get(combinationId(chains, "e"))).isEqualTo(shards.get(combinationId(chains, "d")));
            Class<?> declared = ShardingExperiments.DeclaredBaseline.class;
            Integer reference = shards.get(combinationId(declared, "reference"));
            assertThat(List.of("w", "x", "y", "z"))
                    .allSatisfy(name -> assertThat(shards.get(combinationId(declared, name))).isEqualTo(reference));
        }
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {2, 3, 5})
    void aCombinationsShardDoesNotDependOnWhatElseIsSelectedNorOnTheOrder(int count) {
        DiscoverySelector chains = selectClass(ShardingExperiments.Chains.class);
        DiscoverySelector tiny = selectClass(TinyExperiment.class);
        DiscoverySelector independent = selectClass(ShardingExperiments.Independent.class);
        Map<String, Integer> alone = new HashMap<>();
        alone.putAll(shardOfCombinations(count, chains));
        alone.putAll(shardOfCombinations(count, tiny));
        alone.putAll(shardOfCombinations(count, independent));

        assertThat(shardOfCombinations(count, chains, tiny, independent)).isEqualTo(alone);
        assertThat(shardOfCombinations(count, independent, selectPackage("dev.tailbench.benchmarks"), tiny, chains))
                .containsAllEntriesOf(alone);

        // One combination selected by its method lands where it does in a run of its whole class,
        // even when its group's key is another combination's id.
        for (String name : List.of("a", "c", "e", "h")) {
            Map<String, Integer> single = shardOfCombinations(count,
                    selectMethod(ShardingExperiments.Chains.class, name));
            String id = combinationId(ShardingExperiments.Chains.class, name);
            assertThat(single).containsOnlyKeys(id).containsEntry(id, alone.get(id));
        }
    }

    /** A configuration that makes combinations invalid does not break up their group. */
    @Test
    void combinationsInvalidatedByTheConfigurationStayWithTheirGroup() {
        DiscoverySelector chain = selectClass(ShardingExperiments.TwoStageChain.class);
        Map<String, String> oneEpoch = Map.of(Constants.EPOCHS, "1");
        EngineDiscoveryResults shortRun = discover(null, oneEpoch, chain);
        assertThat(shortRun.getDiscoveryIssues()).extracting(DiscoveryIssue::message)
                .anySatisfy(m -> assertThat(m).contains("#b()").contains("needs at least 2 epochs"))
                .anySatisfy(m -> assertThat(m).contains("#c()").contains("invalid itself"));
        for (int count = 2; count <= 5; count++) {
            Map<String, Integer> declared = shardOfCombinations(count, chain);
            assertThat(shardOfCombinations(count, oneEpoch, chain)).as("%d shards", count).isEqualTo(declared);
            Class<?> experiment = ShardingExperiments.TwoStageChain.class;
            assertThat(declared.get(combinationId(experiment, "c"))).isEqualTo(declared.get(combinationId(experiment, "a")));
        }
    }

    /**
     * A group is placed by the SHA-256 of its key, so any tool can check it:
     * {@code printf %s KEY | sha256sum}, first 16 hex digits as an unsigned number, mod n, plus 1.
     */
    @Test
    void theShardOfAKeyIsItsSha256ModuloTheCount() {
        String reweighting = "[engine:tailbench]/[experiment:dev.tailbench.benchmarks.paper.ReweightingTable]"
                + "/[combination:crossEntropy]";
        String baselines = "[engine:tailbench]/[experiment:dev.tailbench.benchmarks.FashionMnistBaselines]"
                + "/[combination:crossEntropy]";
        // 8c1754892430ead0..., 4537162a5c4f42ef..., ac75b935fc7581d2... (sha256sum)
        assertThat(List.of(1, 2, 3, 4, 5, 7).stream().map(n -> Shard.of(reweighting, n)))
                .containsExactly(1, 1, 2, 1, 1, 7);
        assertThat(List.of(1, 2, 3, 4, 5, 7).stream().map(n -> Shard.of(baselines, n)))
                .containsExactly(1, 2, 2, 4, 5, 2);
        assertThat(List.of(1, 2, 3, 4, 5, 7).stream().map(n -> Shard.of("tailbench", n)))
                .containsExactly(1, 1, 3, 3, 1, 3);
        assertThat(Shard.parse(" 2/4 ")).isEqualTo(new Shard(2, 4)).hasToString("2/4");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"0/3", "4/3", "a/b", "3", "1/0", "-1/3", "1/3/4", "2 / 4", "1/99999999999"})
    void aMalformedShardFailsDiscoveryNamingTheKey(String value) {
        // The launcher turns the engine's exception into a failed discovery of the whole engine.
        assertThatThrownBy(() -> discover(value, selectClass(TinyExperiment.class)))
                .hasMessageContaining("TestEngine with ID 'tailbench' failed to discover tests").cause()
                .hasMessageStartingWith("Configuration parameter 'tailbench.shard' is '" + value + "': ")
                .hasMessageEndingWith("; expected i/n with 1 <= i <= n, such as 2/4");
    }

    @Test
    void anEmptyShardRunsNothingAndSucceeds() {
        // SeededExperiment has one combination: of two shards, one holds nothing.
        int holding = Shard.of(combinationId(SeededExperiment.class, "crossEntropy"), 2);
        String empty = (3 - holding) + "/2";
        TestDescriptor emptyTree = discover(empty, selectClass(SeededExperiment.class)).getEngineDescriptor();
        assertThat(emptyTree.getChildren()).isEmpty();
        assertThat(((TailbenchEngineDescriptor) emptyTree).announcement())
                .contains("tailbench shard " + empty + ": 0 of 1 combinations in 0 of 1 experiments");

        var events = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.SHARD, empty)
                .configurationParameter(Constants.RESULTS_DIR, "target/shard-test-results")
                .selectors(selectClass(SeededExperiment.class)).execute().allEvents();
        events.assertStatistics(stats -> stats.started(1).succeeded(1).failed(0).skipped(0));

        TestDescriptor holdingTree = discover(holding + "/2", selectClass(SeededExperiment.class)).getEngineDescriptor();
        // The experiment, its combination, two seeds and the summary over them.
        assertThat(holdingTree.getDescendants()).hasSize(5);
        assertThat(((TailbenchEngineDescriptor) holdingTree).announcement())
                .contains("tailbench shard " + holding + "/2: 1 of 1 combinations in 1 of 1 experiments");
        assertThat(((TailbenchEngineDescriptor) discover(null, selectClass(SeededExperiment.class))
                .getEngineDescriptor()).announcement()).isEmpty();
    }

    @Test
    void theOutcomeCountsWhatTheShardHolds() {
        List<ShardFilter.Outcome> outcomes = new ArrayList<>();
        for (int index = 1; index <= 3; index++) {
            // Pruned here rather than by the engine, to see the counts it prints.
            TestDescriptor engine = discover(null, SUITE).getEngineDescriptor();
            outcomes.add(ShardFilter.apply(new Shard(index, 3), engine));
        }
        int all = combinationIds(discover(null, SUITE)).size();
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.allCombinations()).isEqualTo(all);
            assertThat(o.allExperiments()).isEqualTo(18);
        });
        assertThat(outcomes.stream().mapToInt(ShardFilter.Outcome::combinations).sum()).isEqualTo(all);
        assertThat(outcomes.get(1).describe()).isEqualTo("tailbench shard 2/3: " + outcomes.get(1).combinations()
                + " of " + all + " combinations in " + outcomes.get(1).experiments() + " of 18 experiments");
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
