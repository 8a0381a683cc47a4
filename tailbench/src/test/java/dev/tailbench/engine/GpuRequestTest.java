package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import ai.djl.engine.Engine;

import dev.tailbench.engine.fixtures.TinyExperiment;

/**
 * {@code tailbench.device=gpu} where the engine has no GPU (this project's CPU machines, and any
 * build with the CPU natives) fails the run at once with the reason: it never trains on the CPU
 * instead, and it writes no result that could pass for a GPU run.
 */
class GpuRequestTest {

    @Test
    void aRunAskingForAGpuFailsWithTheReasonInsteadOfTrainingOnTheCpu(@TempDir Path results) throws Exception {
        // On a machine whose libtorch sees a GPU this request is legitimate and would train.
        assumeThat(Engine.getEngine("PyTorch").getGpuCount()).as("GPUs the engine sees").isZero();

        EngineExecutionResults run = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .configurationParameter(Constants.DEVICE, "gpu")
                .selectors(selectMethod(TinyExperiment.class, "crossEntropy"))
                .execute();

        run.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        run.testEvents().assertThatEvents().haveExactly(1, event(test("crossEntropy"),
                finishedWithFailure(instanceOf(IllegalStateException.class),
                        message(m -> m.startsWith("tailbench.device=gpu, but the PyTorch engine found no GPU")
                                && m.contains("-Dgpu") && m.contains("PYTORCH_LIBRARY_PATH")
                                && m.endsWith("refusing to train on the CPU instead.")))));
        // Refused before the data were loaded or an epoch trained: no result, not even a partial one.
        try (Stream<Path> files = Files.walk(results)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
