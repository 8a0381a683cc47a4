package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tailbench.engine.fixtures.FullDataExperiment;
import dev.tailbench.engine.fixtures.TinyExperiment;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Whole runs on real images: determinism on the embedded set, and the full Fashion-MNIST when present. */
class EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode runCrossEntropy(Path results) throws Exception {
        EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.EPOCHS, "1")
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectMethod(TinyExperiment.class, "crossEntropy"))
                .execute().testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        return JSON.readTree(results.resolve("dev.tailbench.engine.fixtures.TinyExperiment/crossEntropy/seed-1.json").toFile());
    }

    @Test
    void sameSeedOnCpuGivesTheSameResult(@TempDir Path first, @TempDir Path second) throws Exception {
        JsonNode a = runCrossEntropy(first);
        JsonNode b = runCrossEntropy(second);
        assertThat(a.at("/curve/0/trainLoss").asDouble()).isEqualTo(b.at("/curve/0/trainLoss").asDouble());
        assertThat(a.get("confusionMatrix")).isEqualTo(b.get("confusionMatrix"));
        assertThat(a.get("top1Error")).isEqualTo(b.get("top1Error"));
        assertThat(a.get("fingerprint")).isEqualTo(b.get("fingerprint"));
    }

    /**
     * Tagged {@code full-data}: {@code mvn test} leaves it out (it trains 14,886 images, about 20
     * CPU-seconds), and CI runs it with the full-data regression, which needs the same files.
     */
    @Test
    @Tag("full-data")
    void fullFashionMnistLongTailedRunsAndPasses(@TempDir Path results) throws Exception {
        Path dataDir = Path.of(System.getProperty(Constants.DATA_DIR, "../shared/datasets"));
        Assumptions.assumeTrue(Files.isDirectory(dataDir.resolve("fashion-mnist")),
                "full Fashion-MNIST not found under " + dataDir.toAbsolutePath());
        EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, dataDir.toString())
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectClass(FullDataExperiment.class))
                .execute().testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        JsonNode json = JSON.readTree(results.resolve("dev.tailbench.engine.fixtures.FullDataExperiment/crossEntropy/seed-1.json").toFile());
        // The default validation split holds 100 of each class's 6,000 out; the head keeps 5,900.
        assertThat(JSON.convertValue(json.at("/dataset/trainCounts"), int[].class))
                .containsExactly(5900, 3536, 2120, 1271, 762, 456, 273, 164, 98, 59);
        assertThat(json.at("/dataset/validationSize").asInt()).isEqualTo(1000);
        assertThat(json.at("/dataset/testSize").asInt()).isEqualTo(10_000);
        assertThat(json.at("/dataset/source").asText()).contains("fashion-mnist");
        assertThat(json.at("/verdict/status").asText()).isEqualTo("passed");
        // Scaled thresholds (head 5,900): many > 1,180, few < 236 images.
        assertThat(json.at("/shots/manyClasses")).hasSize(4);
        assertThat(json.at("/shots/fewClasses")).hasSize(3);
    }
}
