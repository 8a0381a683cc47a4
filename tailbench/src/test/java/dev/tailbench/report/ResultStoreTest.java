package dev.tailbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tailbench.api.Recipe;
import dev.tailbench.spec.Budget;
import dev.tailbench.spec.DataSpec;
import dev.tailbench.spec.RunSpec;
import dev.tailbench.spec.Schedule;
import dev.tailbench.spec.Stages;

/** A stored result stands in for a run (reference, seed of a summary) only when it is whole and of the same configuration. */
class ResultStoreTest {

    /** A problem the store reports fails the test that did not expect one. */
    private static final java.util.function.Consumer<String> NO_PROBLEMS = problem -> {
        throw new AssertionError("unexpected problem: " + problem);
    };

    private static final Schedule SCHEDULE = new Schedule(3, 128, 0.1, 0.9, 2e-4, 0, 1 / 3.0, List.of(), 0.01);

    private static RunSpec spec(int epochs) {
        return spec("x.Experiment", epochs);
    }

    private static RunSpec spec(String experiment, int epochs) {
        DataSpec data = new DataSpec("fashion-mnist", "", "exponential", 100, 0, "tailbench");
        Schedule schedule = new Schedule(epochs, 128, 0.1, 0.9, 2e-4, 0, 1 / 3.0, List.of(), 0.01);
        return new RunSpec(experiment, "crossEntropy", 1, data, "resnet8", schedule, Recipe.builder().build(),
                Stages.single(epochs), "cpu", Budget.none());
    }

    private static RunResult result(RunSpec spec, int completed, Verdict verdict) {
        return new RunResult(RunResult.SCHEMA, spec.experimentName(), spec.experiment(), spec.combination(), spec.seed(),
                ResultStore.fingerprint(spec), spec.recipe().describe(), null, spec.backbone(), 0, SCHEDULE, true, null,
                null, null, 3, completed, List.of(), completed == 0 ? null : new Top1Error(40, completed, 41), null, null,
                null, 0, 0, null, null, null, verdict);
    }

    @Test
    void findsAWholeResultOfTheSameConfiguration(@TempDir Path root) {
        ResultStore store = new ResultStore(root);
        RunSpec spec = spec(3);
        store.write(spec, result(spec, 3, new Verdict("passed", 41.0, "ok")));
        assertThat(store.find(spec, NO_PROBLEMS)).get().extracting(RunResult::epochsCompleted).isEqualTo(3);
        // another configuration (one more epoch) under the same name and seed: not a stand-in
        assertThat(store.find(spec(4), NO_PROBLEMS)).isEmpty();
    }

    @Test
    void aResultFileThatCannotBeReadIsReportedNotSilentlySkipped(@TempDir Path root) throws IOException {
        ResultStore store = new ResultStore(root);
        RunSpec spec = spec(3);
        Path file = store.write(spec, result(spec, 3, new Verdict("passed", 41.0, "ok")));
        java.nio.file.Files.writeString(file, "{\"schema\": \"tailbench-result/1\", \"curve\": [");
        List<String> problems = new java.util.ArrayList<>();
        assertThat(store.find(spec, problems::add)).isEmpty();
        assertThat(problems).singleElement().asString().startsWith("stored result " + file + " cannot be read (")
                .endsWith("): training again");
    }

    @Test
    void twoClassesOfTheSameSimpleNameNeverShareFiles(@TempDir Path root) {
        ResultStore store = new ResultStore(root);
        RunSpec first = spec("p1.Dup", 3);
        RunSpec second = spec("p2.Dup", 3);
        assertThat(store.path(first)).isEqualTo(root.resolve("p1.Dup/crossEntropy/seed-1.json"));
        assertThat(store.path(second)).isEqualTo(root.resolve("p2.Dup/crossEntropy/seed-1.json"));
        store.write(first, result(first, 3, new Verdict("passed", 41.0, "ok")));
        assertThat(store.find(second, NO_PROBLEMS)).as("the same settings, another class").isEmpty();
        assertThat(store.find(first, NO_PROBLEMS)).isPresent();
    }

    @Test
    void aResultOfTheOldLayoutIsReadOnlyForTheClassItRecords(@TempDir Path root) throws IOException {
        ResultStore store = new ResultStore(root);
        RunSpec first = spec("p1.Dup", 3);
        Path written = store.write(first, result(first, 3, new Verdict("passed", 41.0, "ok")));
        // Where tailbench kept it before 2026-12-07: under the simple name.
        Path legacy = root.resolve("Dup/crossEntropy/seed-1.json");
        java.nio.file.Files.createDirectories(legacy.getParent());
        java.nio.file.Files.move(written, legacy);
        assertThat(store.find(first, NO_PROBLEMS)).get().extracting(RunResult::experimentClass).isEqualTo("p1.Dup");
        assertThat(store.find(spec("p2.Dup", 3), NO_PROBLEMS)).isEmpty();
    }

    @Test
    void ignoresThePartialResultOfACrashedRun(@TempDir Path root) {
        ResultStore store = new ResultStore(root);
        RunSpec spec = spec(3);
        store.write(spec, result(spec, 2, new Verdict("error", 41.0, "killed")));
        assertThat(store.find(spec, NO_PROBLEMS)).isEmpty();
        store.write(spec, result(spec, 2, null));
        assertThat(store.find(spec, NO_PROBLEMS)).isEmpty();
        store.write(spec, result(spec, 3, new Verdict("error", 41.0, "failed while writing")));
        assertThat(store.find(spec, NO_PROBLEMS)).isEmpty();
        store.write(spec, result(spec, 3, new Verdict("failed", 41.0, "over budget")));
        assertThat(store.find(spec, NO_PROBLEMS)).isPresent();
    }

    @Test
    void gpuFieldsRoundTripAndResultsWrittenBeforeThemStillRead(@TempDir Path root) throws IOException {
        ResultStore store = new ResultStore(root);
        RunSpec spec = spec(3);
        DeviceRecord device = new DeviceRecord("gpu", "gpu(0)", 2, "GPU 0: NVIDIA H200, driver 580.159.03",
                new GpuRecord("NVIDIA H200", "580.159.03", 143771L, "12.8", "9.0", null));
        RunResult base = result(spec, 3, new Verdict("passed", 41.0, "ok"));
        RunResult withDevice = new RunResult(base.schema(), base.experiment(), base.experimentClass(), base.combination(),
                base.seed(), base.fingerprint(), base.recipe(), base.dataset(), base.backbone(),
                base.trainableParameters(), base.schedule(), base.augmentation(), base.stages(), device,
                base.versions(), base.epochs(), base.epochsCompleted(), base.curve(), base.top1Error(),
                base.perClassAccuracy(), base.confusionMatrix(), base.shots(), base.imagesPerSecond(),
                base.trainingSeconds(), base.startedAt(), base.finishedAt(), base.budget(), base.verdict());
        Path written = store.write(spec, withDevice);
        assertThat(ResultStore.read(written).device()).isEqualTo(device);

        // A CPU result of the table regression, written before devices recorded a GPU.
        RunResult old = ResultStore.read(
                Path.of("reports/data/fashion-mnist-lt-regression/classifierRetraining/seed-1.json"));
        assertThat(old.device().used()).isEqualTo("cpu()");
        assertThat(old.device().gpu()).isNull();
    }
}
