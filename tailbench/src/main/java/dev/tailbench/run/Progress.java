package dev.tailbench.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

import dev.tailbench.report.EpochRecord;
import dev.tailbench.spec.RunSpec;

/**
 * Prints one line per epoch so that a long run shows where it is: loss, test error, speed and the
 * time left, estimated from the mean epoch time so far.
 */
final class Progress {

    private final PrintStream out;
    private final boolean enabled;

    Progress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    void started(RunSpec spec, String device, int trainSize, int testSize) {
        if (enabled) {
            out.printf(Locale.ROOT, "[tailbench] %s: %s on %s, %d epochs, %d training / %d test images%n",
                    spec.label(), spec.backbone(), device, plannedEpochs(spec), trainSize, testSize);
        }
    }

    void resumed(RunSpec spec, int nextEpoch, java.nio.file.Path checkpoint) {
        if (enabled) {
            out.printf(Locale.ROOT, "[tailbench] %s: resumed after epoch %d from %s%n", spec.label(), nextEpoch,
                    checkpoint);
        }
    }

    void shared(RunSpec spec, int epochs, String producer, java.nio.file.Path file) {
        if (enabled) {
            out.printf(Locale.ROOT, "[tailbench] %s: epochs 1-%d are shared with %s; continuing from %s%n",
                    spec.label(), epochs, producer, file);
        }
    }

    /** A problem that costs time but not results (printed even without progress lines). */
    void warning(String message) {
        out.printf(Locale.ROOT, "[tailbench] warning: %s%n", message);
    }

    /** Curve points a run will have: its epochs, a re-balancing stage's epochs, one for tau-norm. */
    static int plannedEpochs(RunSpec spec) {
        int epochs = spec.schedule().epochs() + spec.stages().fineTuningEpochs() + spec.stages().rebalancingEpochs();
        if (spec.recipe().rebalancing() != null && spec.stages().rebalancingEpochs() == 0) {
            epochs++;
        }
        return epochs;
    }

    /**
     * Prints a line for each epoch the run finishes. The time left is the mean time of the epochs
     * this process trained (counted from the listener's creation) times the epochs still to come, so
     * that a resumed run, or one that took over shared epochs, does not count those as its own.
     *
     * @param nanoTime the clock ({@code System::nanoTime}; a test's own)
     */
    TrainingListener listener(RunSpec spec, LongSupplier nanoTime) {
        long start = nanoTime.getAsLong();
        return new TrainingListener() {
            private int trainedHere;

            @Override
            public void epochFinished(EpochRecord record, double trainSeconds, long trainedImages) {
                trainedHere++;
                epoch(spec, record, (nanoTime.getAsLong() - start) / 1e9, trainedHere);
            }
        };
    }

    private void epoch(RunSpec spec, EpochRecord epoch, double elapsedSeconds, int trainedHere) {
        if (!enabled) {
            return;
        }
        int epochs = plannedEpochs(spec);
        double left = elapsedSeconds / trainedHere * Math.max(0, epochs - epoch.epoch());
        out.printf(Locale.ROOT, "[tailbench] %s | epoch %d/%d | loss %.4f | error %.2f%% | lr %.5f | %.0f img/s | %s left%n",
                spec.label(), epoch.epoch(), epochs, epoch.trainLoss(), epoch.testError(), epoch.learningRate(),
                epoch.imagesPerSecond(), format(left));
    }

    void finished(RunSpec spec, String verdict) {
        if (enabled) {
            out.printf(Locale.ROOT, "[tailbench] %s: %s%n", spec.label(), verdict);
        }
    }

    void summarized(String summary) {
        if (enabled) {
            out.printf(Locale.ROOT, "[tailbench] %s%n", summary);
        }
    }

    private static String format(double seconds) {
        Duration duration = Duration.ofSeconds(Math.round(seconds));
        return String.format(Locale.ROOT, "%d:%02d:%02d", duration.toHours(), duration.toMinutesPart(),
                duration.toSecondsPart());
    }
}
