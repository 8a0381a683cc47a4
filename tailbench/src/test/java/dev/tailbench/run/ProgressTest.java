package dev.tailbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.tailbench.api.Recipe;
import dev.tailbench.report.EpochRecord;
import dev.tailbench.spec.Budget;
import dev.tailbench.spec.DataSpec;
import dev.tailbench.spec.RunSpec;
import dev.tailbench.spec.Schedule;
import dev.tailbench.spec.Stages;

/** The progress lines' time left counts only the epochs this process trained. */
class ProgressTest {

    private static final RunSpec TEN_EPOCHS = new RunSpec("x.E", "ce", 1,
            new DataSpec("fashion-mnist", "", "exponential", 100, 0, ""), "resnet8",
            new Schedule(10, 128, 0.1, 0.9, 2e-4, 0, 1, List.of(), 0.01), Recipe.crossEntropy(), Stages.single(10), "cpu",
            Budget.none());

    private static EpochRecord epoch(int epoch) {
        return new EpochRecord(epoch, "main", 1.0, 50.0, 0.1, 10.0, 300, 500, false, 3000, null);
    }

    @Test
    void aResumedRunEstimatesTheTimeLeftFromTheEpochsItTrainedItself() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(out, true, StandardCharsets.UTF_8), true);
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        // Resumed after epoch 7 of 10: each epoch here takes 10 s.
        TrainingListener listener = progress.listener(TEN_EPOCHS, clock::get);
        clock.addAndGet(10_000_000_000L);
        listener.epochFinished(epoch(8), 10, 3000);
        clock.addAndGet(10_000_000_000L);
        listener.epochFinished(epoch(9), 10, 3000);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        // Two epochs left after epoch 8, one after epoch 9, 10 s each (dividing by the absolute
        // epoch said 0:00:03 and 0:00:02).
        assertThat(lines[0]).contains("epoch 8/10").endsWith("0:00:20 left");
        assertThat(lines[1]).contains("epoch 9/10").endsWith("0:00:10 left");
    }
}
