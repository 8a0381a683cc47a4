package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
 * A run killed in each phase (SIGKILL of its JVM in the first stage, after the deferral, during
 * cRT) resumes from its last checkpoint and ends with exactly the result of an uninterrupted run; a checkpoint of another
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
    void aRunKilledInEachPhaseResumesAndEndsAsAnUninterruptedOne() throws Exception {
        EngineExecutionResults whole = run(uninterrupted);
        whole.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(uninterrupted.resolve(RUN + "seed-1-checkpoint.zip")).as("deleted once the result is written")
                .doesNotExist();

        // The same run in other JVMs, each SIGKILLed in another phase and the next one resuming
        // where it died. First stage: during epoch 2, before the deferral.
        Path checkpoint = killed.resolve(RUN + "seed-1-checkpoint.zip");
        killChild("first-stage", () -> nextEpoch(checkpoint) >= 1, "its checkpoint reached epoch 1");
        assertThat(nextEpoch(checkpoint)).isEqualTo(1);

        // After the deferral: CAM-based sampling generated its images from the first phase's
        // model, and the checkpoint is at epoch 3 of 4.
        Path deferred = killChild("deferred", () -> nextEpoch(checkpoint) >= 3, "its checkpoint reached epoch 3");
        assertThat(text(deferred)).contains(": resumed after epoch 1 from ");
        assertThat(nextEpoch(checkpoint)).isEqualTo(3);

        // During cRT (epochs 5-7, not checkpointed within): killed once its first epoch is printed.
        Path crt = killChild("crt", () -> text(killed.resolve("crt.log")).contains("| epoch 5/7 |"),
                "it printed cRT's first epoch");
        assertThat(text(crt)).contains(": resumed after epoch 3 from ").doesNotContain("| epoch 7/7 |");
        assertThat(killed.resolve(RUN + "seed-1.json")).as("killed before the result").doesNotExist();
        int killedAt = nextEpoch(checkpoint);
        assertThat(killedAt).as("the last main epoch's checkpoint").isEqualTo(4);

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

        // This JVM trains cRT again from the last main epoch and ends as the uninterrupted run did.
        EngineExecutionResults resumed = run(killed);
        assertThat(failures(resumed)).isEmpty();
        resumed.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        JsonNode expected = JSON.readTree(uninterrupted.resolve(RUN + "seed-1.json").toFile());
        JsonNode actual = JSON.readTree(killed.resolve(RUN + "seed-1.json").toFile());
        assertThat(actual.get("curve")).hasSize(7);
        for (int epoch = 0; epoch < 7; epoch++) {
            for (String field : List.of("epoch", "stage", "trainLoss", "testError", "learningRate")) {
                assertThat(actual.at("/curve/" + epoch + "/" + field)).as("epoch %d %s", epoch + 1, field)
                        .isEqualTo(expected.at("/curve/" + epoch + "/" + field));
            }
        }
        assertThat(actual.at("/curve/6/stage").asText()).isEqualTo("crt");
        for (String field : List.of("top1Error", "perClassAccuracy", "confusionMatrix", "stages", "fingerprint")) {
            assertThat(actual.get(field)).as(field).isEqualTo(expected.get(field));
        }
        assertThat(checkpoint).doesNotExist();
    }

    /**
     * Trains the run in a child JVM on {@link #killed} (resuming its checkpoint when there is one)
     * and kills it with SIGKILL once {@code reached} holds.
     *
     * @return the child's console
     */
    private Path killChild(String name, BooleanSupplier reached, String what) throws Exception {
        Path log = killed.resolve(name + ".log");
        // libtorch reads its thread counts once per JVM (whichever test loads it first sets them,
        // so this test leaves them alone); the child gets this JVM's counts, because a float sum
        // over another number of threads rounds differently.
        Process child = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.pytorch.num_threads=" + System.getProperty("ai.djl.pytorch.num_threads"),
                "-Dai.djl.pytorch.num_interop_threads=" + System.getProperty("ai.djl.pytorch.num_interop_threads"),
                ChildRun.class.getName(), killed.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!reached.getAsBoolean()) {
                assertThat(child.isAlive()).as("the %s child ended before %s; see %s", name, what, log).isTrue();
                assertThat(System.nanoTime()).as("the %s child: %s not in time", name, what).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
        finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        return log;
    }

    /** A console so far (ISO-8859-1, so that a line cut mid-character still reads). */
    private static String text(Path log) {
        try {
            return Files.isRegularFile(log) ? new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1) : "";
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
