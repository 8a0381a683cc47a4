package dev.tailbench.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.tailbench.report.EpochRecord;
import dev.tailbench.report.StageRecord;
import dev.tailbench.report.Top1Error;

/**
 * A run's records as it trains: the curve of evaluated epochs, the closed stages and the time and
 * images spent training; restored from a checkpoint or taken over from shared epochs.
 */
final class RunRecords implements TrainingListener {

    private final List<EpochRecord> curve = new ArrayList<>();
    private final List<StageRecord> stages = new ArrayList<>();
    /** The epochs before the stage that is open (what checkpoints record). */
    private int phaseStart;
    private double trainingSeconds;
    private long trainedImages;
    private String startedAt = Instant.now().toString();

    @Override
    public void epochFinished(EpochRecord record, double trainSeconds, long images) {
        curve.add(record);
        trainingSeconds += trainSeconds;
        trainedImages += images;
    }

    @Override
    public void stageClosed(StageRecord stage) {
        stages.add(stage);
        phaseStart = stage.lastEpoch();
    }

    /** Continues the records of a checkpoint, start time included. */
    void restore(ResumePoints.Records records) {
        curve.addAll(records.curve());
        stages.addAll(records.stages());
        phaseStart = records.phaseStart();
        trainingSeconds = records.trainingSeconds();
        trainedImages = records.trainedImages();
        startedAt = records.startedAt();
    }

    /**
     * Takes over the records of epochs another run trained: its curve (named after this run's
     * first phase: "main" and "first" are the same epochs), time and images; the run keeps its own
     * start time. Shared epochs end at the latest where this run's first phase does, so no stage
     * has closed.
     */
    void adopt(ResumePoints.Records records, String firstPhase, Path source) {
        if (!records.stages().isEmpty()) {
            throw new IllegalStateException("shared epochs " + source + " record a closed stage");
        }
        for (EpochRecord point : records.curve()) {
            curve.add(new EpochRecord(point.epoch(), firstPhase, point.trainLoss(), point.testError(),
                    point.learningRate(), point.seconds(), point.imagesPerSecond(), point.residentMb(), point.mixup(),
                    point.images(), point.validationError()));
        }
        trainingSeconds = records.trainingSeconds();
        trainedImages = records.trainedImages();
    }

    /** What a checkpoint keeps of them. */
    ResumePoints.Records snapshot() {
        return new ResumePoints.Records(List.copyOf(curve), List.copyOf(stages), phaseStart, trainingSeconds,
                trainedImages, startedAt);
    }

    List<EpochRecord> curve() {
        return List.copyOf(curve);
    }

    List<StageRecord> stages() {
        return List.copyOf(stages);
    }

    /** Evaluated epochs so far; the next one is numbered one more. */
    int size() {
        return curve.size();
    }

    /** The first closed stage, {@code null} before one closes. */
    StageRecord firstStage() {
        return stages.isEmpty() ? null : stages.get(0);
    }

    EpochRecord last() {
        return curve.isEmpty() ? null : curve.get(curve.size() - 1);
    }

    double trainingSeconds() {
        return trainingSeconds;
    }

    double imagesPerSecond() {
        return trainingSeconds == 0 ? 0 : trainedImages / trainingSeconds;
    }

    String startedAt() {
        return startedAt;
    }

    /**
     * The top-1 errors a budget can judge: the lowest, the last, and the earliest of the lowest
     * validation error over every point that has one; {@code null} before the first epoch.
     */
    Top1Error top1() {
        if (curve.isEmpty()) {
            return null;
        }
        EpochRecord best = curve.stream().min(Comparator.comparingDouble(EpochRecord::testError)).orElseThrow();
        EpochRecord selected = curve.stream().filter(point -> point.validationError() != null)
                .min(Comparator.comparingDouble(EpochRecord::validationError)).orElse(null);
        return new Top1Error(best.testError(), best.epoch(), last().testError(),
                selected == null ? null : selected.testError(), selected == null ? null : selected.epoch());
    }
}
