package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tailbench.engine.fixtures.TinyExperiment;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Unknown {@code tailbench.*} keys and malformed booleans fail discovery, naming the key. */
class ConfigurationKeysTest {

    @Test
    void aTypoInAKeyFailsDiscoveryWithTheKeyItMeant() {
        assertThatThrownBy(() -> EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter("tailbench.epoch", "3").selectors(selectClass(TinyExperiment.class))
                .discover())
                .cause().hasMessageStartingWith(
                        "Unknown configuration parameter 'tailbench.epoch': did you mean tailbench.epochs?")
                .hasMessageContaining("known keys: tailbench.alpha, tailbench.backbone, tailbench.batch.size");
    }

    @Test
    void everyUnknownKeyIsNamedAndAKeyFarFromAnyGetsNoGuess() {
        ConfigurationParameters parameters = parameters(Map.of("tailbench.seed", "1", "tailbench.learning.rate", "0.1",
                "tailbench.epochs", "3", "junit.jupiter.foo", "x"));
        assertThatThrownBy(() -> KnownKeys.check(parameters))
                .hasMessageStartingWith("Unknown configuration parameter 'tailbench.learning.rate'; "
                        + "Unknown configuration parameter 'tailbench.seed': did you mean tailbench.seeds?");
    }

    @Test
    void aKnownKeyWithAPartCutOrAddedIsSuggested() {
        assertThat(KnownKeys.closest("tailbench.checkpoint")).containsExactly("tailbench.checkpoint.interval");
        assertThat(KnownKeys.closest("tailbench.shots.mode")).containsExactly("tailbench.shots");
        assertThat(KnownKeys.closest("tailbench.batchsize")).containsExactly("tailbench.batch.size");
        assertThat(KnownKeys.closest("tailbench.device")).containsExactly("tailbench.device");
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(KnownKeys.editDistance("epoch", "epochs")).isEqualTo(1);
        assertThat(KnownKeys.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(KnownKeys.editDistance("", "abc")).isEqualTo(3);
        assertThat(KnownKeys.editDistance("same", "same")).isZero();
    }

    @Test
    void theKnownKeysAreConstantsKeysAndTheBuildsOwnPropertyPasses() {
        assertThat(KnownKeys.ENGINE_KEYS).contains(Constants.EPOCHS, Constants.DATA_DIR, Constants.SHARD,
                Constants.CHECKPOINT_INTERVAL).doesNotContain(Constants.DEFAULT_RESULTS_DIR);
        assertThat(KnownKeys.ENGINE_KEYS).allMatch(key -> key.startsWith(KnownKeys.PREFIX));
        KnownKeys.check(parameters(Map.of("tailbench.excludedGroups", "", Constants.EPOCHS, "2",
                "surefire.foo", "bar")));
    }

    @Test
    void booleanKeysAcceptOnlyTrueOrFalse() {
        assertThat(BooleanParameter.read(parameters(Map.of(Constants.RESUME, " FALSE ")), Constants.RESUME, true))
                .isFalse();
        assertThat(BooleanParameter.read(parameters(Map.of(Constants.RESUME, "")), Constants.RESUME, true)).isTrue();
        assertThatThrownBy(() -> EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.PROGRESS, "yes").selectors(selectClass(TinyExperiment.class))
                .discover())
                .cause().hasMessage("Configuration parameter 'tailbench.progress' is 'yes'; expected true or false");
        assertThatThrownBy(() -> CheckpointConfiguration.from(parameters(Map.of(Constants.RERUN, "1"))))
                .hasMessage("Configuration parameter 'tailbench.rerun' is '1'; expected true or false");
    }

    private static ConfigurationParameters parameters(Map<String, String> values) {
        return new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return get(key).map(Boolean::parseBoolean);
            }

            @Override
            public Set<String> keySet() {
                return values.keySet();
            }
        };
    }
}
