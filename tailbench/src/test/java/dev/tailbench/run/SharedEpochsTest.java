package dev.tailbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Recipe;
import dev.tailbench.report.ResultsLayout;
import dev.tailbench.spec.Budget;
import dev.tailbench.spec.DataSpec;
import dev.tailbench.spec.RunSpec;
import dev.tailbench.spec.Schedule;
import dev.tailbench.spec.SharedFirstStages;
import dev.tailbench.spec.Stages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedEpochsTest {

    private static final Map<String, Object> RUNTIME = Map.of("engine", "PyTorch 2.7.1", "device", "cpu()",
            "threads", 1);

    @TempDir
    Path results;

    private static RunSpec run(String name, Recipe recipe, Stages stages) {
        Schedule schedule = new Schedule(4, 128, 0.1, 0.9, 2e-4, 0, 1, List.of(3), 0.01);
        return new RunSpec("x.E", name, 1, new DataSpec("fashion-mnist", "", "exponential", 100, 0, ""), "resnet8",
                schedule, recipe, stages, "cpu", Budget.none());
    }

    private final RunSpec crossEntropy = run("ce", Recipe.crossEntropy(), Stages.single(4));
    private final RunSpec drw = run("drw", Recipe.builder().optDeferredLoss(Losses.costSensitive()).build(),
            new Stages(3, 0, 0));

    private static ResumePoints.ResumePoint point(int epochs) {
        return new ResumePoints.ResumePoint(epochs, new ResumePoints.Records(List.of(), List.of(), 0, 1.5, 100,
                "then"), new byte[] {1, 2, 3}, List.of(new float[] {0.5f}), List.of(), null);
    }

    @Test
    void aSavedStateIsFoundByTheOtherRunUnderTheKeyOfWhatDecidesIt() {
        SharedEpochs shared = new SharedEpochs(results, SharedFirstStages.plan(List.of(crossEntropy, drw)), true);
        assertThat(shared.wanted(crossEntropy, 3, RUNTIME)).isTrue();
        assertThat(shared.wanted(crossEntropy, 4, RUNTIME)).as("no one hands off at 4").isFalse();
        assertThat(shared.latest(drw, RUNTIME, message -> { })).isEmpty();

        shared.save(crossEntropy, 3, RUNTIME, point(3));

        assertThat(shared.wanted(crossEntropy, 3, RUNTIME)).as("written once").isFalse();
        SharedEpochs.Start start = shared.latest(drw, RUNTIME, message -> { }).orElseThrow();
        assertThat(start.epochs()).isEqualTo(3);
        assertThat(start.producer()).isEqualTo("x.E#ce seed 1");
        assertThat(start.relative()).isEqualTo("shared-epochs/" + SharedEpochs.key(drw, 3, RUNTIME) + ".zip");
        assertThat(start.point().momentum().get(0)).containsExactly(0.5f);
        assertThat(shared.latest(drw, Map.of("engine", "PyTorch 2.7.1", "device", "cpu()", "threads", 2),
                message -> { })).as("another thread count rounds differently").isEmpty();
    }

    @Test
    void anEarlierExecutionsStateIsUsedOnlyWhenStoredResultsAre() {
        new SharedEpochs(results, SharedFirstStages.plan(List.of(crossEntropy, drw)), true)
                .save(crossEntropy, 3, RUNTIME, point(3));

        assertThat(new SharedEpochs(results, SharedFirstStages.plan(List.of(crossEntropy, drw)), true)
                .latest(drw, RUNTIME, message -> { })).isPresent();
        assertThat(new SharedEpochs(results, SharedFirstStages.plan(List.of(crossEntropy, drw)), false)
                .latest(drw, RUNTIME, message -> { })).as("tailbench.rerun=true").isEmpty();
    }

    @Test
    void aDamagedFileIsSkippedWithAWarningAndTrainedAgain() throws Exception {
        SharedEpochs shared = new SharedEpochs(results, SharedFirstStages.plan(List.of(crossEntropy, drw)), true);
        Path file = new ResultsLayout(results).sharedEpochs(SharedEpochs.key(drw, 3, RUNTIME));
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});
        List<String> warnings = new ArrayList<>();

        assertThat(shared.latest(drw, RUNTIME, warnings::add)).isEmpty();

        assertThat(warnings).singleElement().asString().contains(file.toString()).contains("Training the shared epochs again");
        assertThat(shared.wanted(crossEntropy, 3, RUNTIME)).as("replaced by the next run that trains them").isTrue();
    }
}
