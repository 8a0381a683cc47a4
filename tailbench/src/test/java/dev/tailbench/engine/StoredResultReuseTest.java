package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import ai.djl.engine.Engine;
import dev.tailbench.engine.fixtures.TinyExperiment;

/**
 * A stored result stands in for a run only when everything that decides its numbers matches, not
 * only its settings: a result trained with another thread count, engine or data files is trained
 * again and the console says why, and a GPU request never passes on a stored CPU result.
 */
class StoredResultReuseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESULT = "dev.tailbench.engine.fixtures.TinyExperiment/crossEntropy/seed-1.json";

    @TempDir
    Path results;

    private EngineExecutionResults run(String device) {
        return EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.EPOCHS, "1")
                .configurationParameter(Constants.PROGRESS, "false")
                .configurationParameter(Constants.DEVICE, device)
                .selectors(selectMethod(TinyExperiment.class, "crossEntropy"))
                .execute();
    }

    /** What the run prints (warnings are printed without progress lines). */
    private static String console(Supplier<EngineExecutionResults> run) {
        PrintStream previous = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            run.get().testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        }
        finally {
            System.setOut(previous);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private String startedAt() throws Exception {
        return JSON.readTree(results.resolve(RESULT).toFile()).get("startedAt").asText();
    }

    @Test
    void aResultOfTheSameSettingsFromAnotherEnvironmentIsTrainedAgainAndTheConsoleSaysWhy() throws Exception {
        console(() -> run("cpu"));
        String first = startedAt();
        assertThat(JSON.readTree(results.resolve(RESULT).toFile()).at("/dataset/contentSha256").asText())
                .hasSize(64);
        console(() -> run("cpu"));
        assertThat(startedAt()).as("same everything: reused").isEqualTo(first);

        // The same settings, trained elsewhere: another thread count, engine and data files.
        ObjectNode stored = (ObjectNode) JSON.readTree(results.resolve(RESULT).toFile());
        ((ObjectNode) stored.get("device")).put("threads", 7);
        ((ObjectNode) stored.get("versions")).put("engine", "PyTorch 1.13.1");
        ((ObjectNode) stored.get("dataset")).put("contentSha256", "0".repeat(64));
        JSON.writeValue(results.resolve(RESULT).toFile(), stored);

        String console = console(() -> run("cpu"));
        assertThat(startedAt()).as("trained again").isNotEqualTo(first);
        assertThat(console).contains(results.resolve(RESULT) + " has the same settings but is not used (")
                .contains("engine: PyTorch 1.13.1 there, PyTorch ")
                .contains("threads: 7 there, ")
                .contains("data files: content 000000000000... there, ")
                .contains("): training again");
    }

    @Test
    void aGpuRequestFailsEvenWithAStoredCpuResultOfTheSameSettings() throws Exception {
        assumeThat(Engine.getEngine("PyTorch").getGpuCount()).as("GPUs the engine sees").isZero();
        console(() -> run("cpu"));
        String stored = Files.readString(results.resolve(RESULT));

        EngineExecutionResults gpu = run("gpu");
        gpu.testEvents().assertThatEvents().haveExactly(1, event(test("crossEntropy"),
                finishedWithFailure(message(m -> m.startsWith("tailbench.device=gpu, but the PyTorch engine found no GPU")))));
        assertThat(results.resolve(RESULT)).as("the CPU result is left as it was").hasContent(stored);
    }
}
