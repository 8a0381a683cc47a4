package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tailbench.engine.fixtures.ResumableExperiment;
import dev.tailbench.engine.fixtures.SeededExperiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A run killed mid-way (SIGKILL of its JVM, after the deferred phase began) resumes from its last
 * checkpoint and ends with exactly the result of an uninterrupted run; a checkpoint of another
 * configuration is refused with the differing settings and kept; a finished run is not trained
 * again unless asked.
 */
class ResumeEndToEndTest {

    private static final String RUN = "dev.tailbench.engine.fixtures.ResumableExperiment/camBalanceWithEqualizationV2/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path uninterrupted;

    @TempDir
    Path killed;

    @Test
    void aKilledRunResumesAndEndsAsAnUninterruptedOne() throws Exception {
        EngineExecutionResults whole = run(uninterrupted);
        whole.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(uninterrupted.resolve(RUN + "seed-1-checkpoint.zip")).as("deleted once the result is written")
                .doesNotExist();

        // A second JVM trains the same run and is killed once its checkpoint is past the
        // deferral (epoch 4 of 4 to go), i.e. after CAM-based sampling generated its images.
        Path checkpoint = killed.resolve(RUN + "seed-1-checkpoint.zip");
        // libtorch reads its thread counts once per JVM (whichever test loads it first sets them,
        // so this test leaves them alone); the child gets this JVM's counts, because a float sum
        // over another number of threads rounds differently.
        Process child = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.pytorch.num_threads=" + System.getProperty("ai.djl.pytorch.num_threads"),
                "-Dai.djl.pytorch.num_interop_threads=" + System.getProperty("ai.djl.pytorch.num_interop_threads"),
                ChildRun.class.getName(), killed.toString())
                .redirectErrorStream(true).redirectOutput(killed.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (nextEpoch(checkpoint) < 3) {
                assertThat(child.isAlive()).as("child ended before its checkpoint reached epoch 3; see %s",
                        killed.resolve("child.log")).isTrue();
                assertThat(System.nanoTime()).as("checkpoint not written in time").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(killed.resolve(RUN + "seed-1.json")).as("killed before the result").doesNotExist();
        int killedAt = nextEpoch(checkpoint);
        assertThat(killedAt).isEqualTo(3);

        // Another configuration of the same run refuses the checkpoint, names what differs, keeps it.
        EngineExecutionResults other = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, killed.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .configurationParameter(Constants.BATCH_SIZE, "64")
                .selectors(selectClass(ResumableExperiment.class))
                .execute();
        other.testEvents().assertThatEvents().haveExactly(1, event(test("camBalanceWithEqualizationV2"),
                finishedWithFailure(message(m -> m.contains("different configuration")
                        && m.contains("schedule.batchSize: 128 -> 64") && m.contains(Constants.RESUME + "=false")))));
        assertThat(nextEpoch(checkpoint)).isEqualTo(killedAt);

        EngineExecutionResults resumed = run(killed);
        assertThat(failures(resumed)).isEmpty();
        resumed.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        JsonNode expected = JSON.readTree(uninterrupted.resolve(RUN + "seed-1.json").toFile());
        JsonNode actual = JSON.readTree(killed.resolve(RUN + "seed-1.json").toFile());
        assertThat(actual.get("curve")).hasSize(4);
        for (int epoch = 0; epoch < 4; epoch++) {
            for (String field : List.of("epoch", "stage", "trainLoss", "testError", "learningRate")) {
                assertThat(actual.at("/curve/" + epoch + "/" + field)).as("epoch %d %s", epoch + 1, field)
                        .isEqualTo(expected.at("/curve/" + epoch + "/" + field));
            }
        }
        for (String field : List.of("top1Error", "perClassAccuracy", "confusionMatrix", "stages", "fingerprint")) {
            assertThat(actual.get(field)).as(field).isEqualTo(expected.get(field));
        }
        assertThat(checkpoint).doesNotExist();

    }

    @Test
    void aFinishedRunIsNotTrainedAgainUnlessAsked() throws Exception {
        Path result = uninterrupted.resolve("dev.tailbench.engine.fixtures.SeededExperiment/crossEntropy/seed-7.json");
        seeded(uninterrupted, "false").testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        String startedAt = JSON.readTree(result.toFile()).get("startedAt").asText();
        seeded(uninterrupted, "false").testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(JSON.readTree(result.toFile()).get("startedAt").asText()).as("reused").isEqualTo(startedAt);
        seeded(uninterrupted, "true").testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(JSON.readTree(result.toFile()).get("startedAt").asText()).as("trained again").isNotEqualTo(startedAt);
    }

    private static EngineExecutionResults seeded(Path results, String rerun) {
        return EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .configurationParameter(Constants.SEEDS, "7")
                .configurationParameter(Constants.RERUN, rerun)
                .selectors(selectClass(SeededExperiment.class))
                .execute();
    }

    private static EngineExecutionResults run(Path results) {
        return EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .selectors(selectClass(ResumableExperiment.class))
                .execute();
    }

    private static List<String> failures(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().map(String::valueOf).orElse("?"))
                .toList();
    }

    /** The epoch a checkpoint resumes at, 0 while there is none (or it is being replaced). */
    private static int nextEpoch(Path checkpoint) {
        if (!Files.isRegularFile(checkpoint)) {
            return 0;
        }
        try (ZipFile zip = new ZipFile(checkpoint.toFile())) {
            return JSON.readTree(zip.getInputStream(zip.getEntry("checkpoint.json"))).get("nextEpoch").asInt();
        }
        catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The killed JVM: runs the experiment through the launcher, with the same settings. */
    public static final class ChildRun {

        public static void main(String[] args) {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(ResumableExperiment.class))
                    .filters(org.junit.platform.launcher.EngineFilter.includeEngines(TailbenchTestEngine.ENGINE_ID))
                    .configurationParameter(Constants.DATA_DIR, "")
                    .configurationParameter(Constants.RESULTS_DIR, args[0])
                    .configurationParameter(Constants.THREADS, System.getProperty("ai.djl.pytorch.num_threads", "1"))
                    .build();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request);
        }
    }
}
