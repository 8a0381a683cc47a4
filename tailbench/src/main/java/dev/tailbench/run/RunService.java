package dev.tailbench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;


import dev.tailbench.data.DataContent;
import dev.tailbench.metrics.ShotThresholds;
import dev.tailbench.report.BudgetJudge;
import dev.tailbench.report.ExperimentSummary;
import dev.tailbench.report.ResultStore;
import dev.tailbench.report.RunResult;
import dev.tailbench.report.SeedsResult;
import dev.tailbench.report.Verdict;
import dev.tailbench.report.stats.PairedTest;
import dev.tailbench.report.stats.SeedStatistics;
import dev.tailbench.spec.Budget;
import dev.tailbench.spec.DataSpec;
import dev.tailbench.spec.RunSpec;
import dev.tailbench.spec.SharedFirstStages;

/**
 * Trains, judges and records runs for one engine execution. Holds what runs share: the native
 * engine (loaded at the first run), prepared data sets (until their experiment finishes) and the
 * results so far, which relative budgets compare with.
 */
public final class RunService implements AutoCloseable {

    private final RunSettings settings;
    private final ResultStore store;
    private final ResumePoints resumePoints;
    private final SharedEpochs sharedEpochs;
    private final Progress progress;
    private final Map<DataSpec, PreparedData> data = new HashMap<>();
    private final Map<String, RunResult> results = new LinkedHashMap<>();
    private final Map<String, RunResult> judged = new LinkedHashMap<>();
    private final Map<String, SeedsResult> seedsResults = new LinkedHashMap<>();
    private boolean resultsWritable;
    /** Why no more runs are attempted in this JVM, {@code null} while they are. */
    private String stoppedBy;
    private NativeEngine nativeEngine;

    /** A service whose runs share no epochs. */
    public RunService(RunSettings settings) {
        this(settings, SharedFirstStages.none());
    }

    /**
     * @param sharing the first epochs that runs of this execution share (the engine plans them over
     *                every run it is about to execute)
     */
    public RunService(RunSettings settings, SharedFirstStages sharing) {
        this.settings = settings;
        this.store = new ResultStore(settings.resultsDir());
        this.resumePoints = new ResumePoints(settings.resultsDir());
        this.sharedEpochs = new SharedEpochs(settings.resultsDir(), sharing, !settings.rerun());
        this.progress = new Progress(System.out, settings.progress());
    }

    /**
     * Trains a run (or finds its stored result), judges it against its budget and writes its
     * result file. The verdict is in the result; the engine turns it into the test's outcome. A
     * run that fails while training throws, after writing the epochs it finished with an
     * {@code error} verdict.
     */
    public RunResult execute(RunSpec spec) {
        checkNotStopped(spec);
        checkResultsWritable();
        Optional<RunResult> stored = settings.rerun() ? Optional.empty() : stored(spec);
        stored.ifPresent(r -> progress.finished(spec, "result of the same settings, build, engine, device and data"
                + " found at " + store.path(spec) + "; not trained again (" + RunSettings.RERUN_KEY
                + "=true trains it)"));
        RunResult result = stored.orElseGet(() -> train(spec));
        RunResult reference = spec.budget().hasRelative() ? reference(spec.budget().notWorseThan()) : null;
        RunResult judged = BudgetJudge.judge(result, spec.budget(), reference, spec.budget().paper().stream()
                .map(figure -> Map.entry(figure, figure.mismatches(spec))).toList());
        Path path = store.write(spec, judged);
        this.judged.put(key(spec), judged);
        progress.finished(spec, judged.verdict().message().lines().findFirst().orElse("") + " (" + path + ")");
        return judged;
    }

    /**
     * Summarises a combination over its seeds: the spread of its error and, when it has a relative
     * budget, the one-sided paired t-test against the reference on the same seeds, which decides
     * that budget. Seeds are taken from this execution or, for a seed not run now, from a stored
     * result of the same configuration; references are trained if neither exists. Writes
     * {@code seeds.json}; its verdict decides the test, which the engine reports.
     *
     * @param seeds one run spec per declared seed, each with the combination's full budget
     * @throws NotEnoughSeedsException when fewer than two seeds have a result
     */
    public SeedsResult summarize(List<RunSpec> seeds) {
        checkNotStopped(seeds.get(0));
        checkResultsWritable();
        RunSpec first = seeds.get(0);
        List<Long> used = new ArrayList<>();
        List<Long> missing = new ArrayList<>();
        List<RunResult> found = new ArrayList<>();
        List<RunSpec> foundSpecs = new ArrayList<>();
        for (RunSpec spec : seeds) {
            RunSpec own = spec.withoutRelativeBudget();
            Optional<RunResult> result = Optional.ofNullable(judged.get(key(own))).filter(RunResult::complete)
                    .or(() -> stored(own));
            if (result.isPresent()) {
                used.add(spec.seed());
                found.add(result.get());
                foundSpecs.add(spec);
            } else {
                missing.add(spec.seed());
            }
        }
        String who = first.combination() + " over seeds " + used;
        if (found.size() < 2) {
            throw new NotEnoughSeedsException(first.combination() + ": a spread over seeds needs results of at least 2"
                    + " seeds of this configuration; found " + used + ", missing " + missing
                    + ". Run the combination's seeds first.");
        }
        double confidence = 1 - settings.alpha();
        SeedStatistics last = SeedStatistics.of(found.stream().mapToDouble(r -> r.top1Error().last()).toArray(),
                confidence);
        SeedStatistics best = SeedStatistics.of(found.stream().mapToDouble(r -> r.top1Error().bestOnTest()).toArray(),
                confidence);
        Budget budget = first.budget();
        String spread = String.format(Locale.ROOT, "%s: last-epoch error %.2f ± %.2f%% (%.0f%% CI %.2f to %.2f)", who,
                last.mean(), last.standardDeviation(), confidence * 100, last.low(), last.high());
        PairedTest test = null;
        Verdict verdict;
        if (budget.hasRelative()) {
            double[] errors = found.stream().mapToDouble(r -> r.error(budget.epoch())).toArray();
            double[] reference = foundSpecs.stream()
                    .mapToDouble(spec -> reference(spec.budget().notWorseThan()).error(budget.epoch())).toArray();
            test = PairedTest.of(errors, reference, budget.margin(), settings.alpha());
            String against = String.format(Locale.ROOT, "against %s (margin %+.2f, %s epoch): %s", 
                    budget.notWorseThan().combination(), budget.margin(), budget.epoch(), test.describe());
            verdict = new Verdict(test.passed() ? "passed" : "failed", test.meanDifference(),
                    spread + "; " + against + (test.passed() ? ": passed" : ": the seeds do not show it"));
        } else {
            verdict = new Verdict("no-budget", last.mean(), spread);
        }
        SeedsResult result = new SeedsResult(SeedsResult.SCHEMA, first.experimentName(), first.experiment(), first.combination(), used,
                missing, last, best, test, budget.hasRelative() ? budget.notWorseThan().combination() : null,
                budget.epoch(), verdict);
        Path path = store.writeSeeds(result);
        seedsResults.put(first.experiment() + "#" + first.combination(), result);
        progress.summarized(verdict.message() + " (" + path + ")");
        return result;
    }

    /** The summary of a combination over seeds, once {@link #summarize} ran for it. */
    public Optional<SeedsResult> lastSeedsResult(RunSpec anySeed) {
        return Optional.ofNullable(seedsResults.get(anySeed.experiment() + "#" + anySeed.combination()));
    }

    /** Where a combination's summary over seeds is written. */
    public Path seedsPath(SeedsResult result) {
        return store.seedsPath(result.experimentClass(), result.combination());
    }

    /** The judged result (or the partial result of a failed run) of a run executed here. */
    public Optional<RunResult> lastResult(RunSpec spec) {
        return Optional.ofNullable(judged.get(key(spec)));
    }

    /** Where a result's file is. */
    public Path resultPath(RunResult result) {
        return store.path(result.experimentClass(), result.combination(), result.seed());
    }

    /**
     * Writes the summary table of an experiment's runs in this execution ({@code summary.md},
     * {@code summary.csv} in its results directory).
     *
     * @param baseline the combination every other is compared with, or {@code null}
     * @return where it was written and against which baseline it compares, or empty when the
     *     experiment ran nothing
     */
    public Optional<WrittenSummary> writeExperimentSummary(String experimentClass, String baseline) {
        List<RunResult> runs = judged.values().stream().filter(r -> experimentClass.equals(r.experimentClass())).toList();
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        Map<String, SeedsResult> seeds = new LinkedHashMap<>();
        seedsResults.forEach((key, summary) -> {
            if (key.startsWith(experimentClass + "#")) {
                seeds.put(summary.combination(), summary);
            }
        });
        Path directory = store.layout().experiment(experimentClass);
        ExperimentSummary.write(directory, runs.get(0).experiment(),
                ExperimentSummary.rows(runs, seeds, baseline, 1 - settings.alpha()));
        boolean compared = baseline != null && runs.stream().anyMatch(r -> r.combination().equals(baseline));
        return Optional.of(new WrittenSummary(directory, compared ? Optional.of(baseline) : Optional.empty()));
    }

    /**
     * An experiment's summary as written.
     *
     * @param directory    the experiment's results directory, holding {@code summary.md} and {@code summary.csv}
     * @param comparedWith the baseline its rows are compared with, when the baseline ran in this execution
     */
    public record WrittenSummary(Path directory, Optional<String> comparedWith) {
    }

    /** Releases the loaded data sets (called when an experiment ends); the next one loads its own. */
    public void releaseData() {
        data.values().forEach(PreparedData::close);
        data.clear();
    }

    /** The results produced so far, in order. */
    public Map<String, RunResult> results() {
        return Map.copyOf(results);
    }

    /**
     * Trains a run: the one place that loads data and trains, for a run, a reference or a seed of a
     * summary alike, so the one place an {@link OutOfMemoryError} is caught.
     */
    private RunResult train(RunSpec spec) {
        try {
            return trainAndWrite(spec);
        }
        catch (OutOfMemoryError e) {
            throw outOfMemory(spec, e);
        }
    }

    private RunResult trainAndWrite(RunSpec spec) {
        PreparedData prepared = prepared(spec);
        ShotThresholds thresholds = settings.shotThresholds().equals("absolute") ? ShotThresholds.absolute()
                : ShotThresholds.scaled(prepared.trainCounts()[0]);
        try {
            RunResult result = new Training(spec, prepared, engine(spec), thresholds, progress,
                    new RunFiles(store.root()), resumePoints, settings.checkpointInterval(), settings.resume(), sharedEpochs).run();
            results.put(key(spec), result);
            // Written before the checkpoint goes, so that a kill in between loses nothing.
            store.write(spec, result);
            resumePoints.delete(spec);
            return result;
        }
        catch (TrainingFailedException e) {
            judged.put(key(spec), e.partial());
            try {
                store.write(spec, e.partial());
            }
            catch (RuntimeException writing) {
                // A full disk fails this write too: the training's error is the one to report.
                e.addSuppressed(writing);
            }
            throw e;
        }
    }

    /**
     * The result a relative budget compares with: from this execution, else from a stored result
     * of the same configuration (so re-running one failed combination by its unique id works),
     * else trained now.
     */
    private RunResult reference(RunSpec reference) {
        String key = key(reference);
        RunResult known = results.get(key);
        if (known != null) {
            return known;
        }
        Optional<RunResult> stored = stored(reference);
        if (stored.isPresent()) {
            results.put(key, stored.get());
            return stored.get();
        }
        RunResult trained = train(reference);
        store.write(reference, trained);
        return trained;
    }

    /**
     * After an {@link OutOfMemoryError} the JVM's state is unknown (a half-built object, a pool
     * left inconsistent): the run fails with what it was doing and the memory it had, and no other
     * run is attempted in this JVM.
     */
    private RunOutOfMemoryError outOfMemory(RunSpec spec, OutOfMemoryError e) {
        Runtime runtime = Runtime.getRuntime();
        stoppedBy = spec.label() + " ran out of memory (" + e.getMessage() + ") with batch size "
                + spec.schedule().batchSize() + " and a Java heap of at most " + runtime.maxMemory() / (1 << 20)
                + " MiB (" + (runtime.totalMemory() - runtime.freeMemory()) / (1 << 20) + " MiB in use)";
        return new RunOutOfMemoryError(stoppedBy + ". No other run is attempted in this JVM: give it more memory"
                + " (-Xmx, or Surefire's argLine) or lower " + RunSettings.BATCH_SIZE_KEY + ".", e);
    }

    private void checkNotStopped(RunSpec spec) {
        if (stoppedBy != null) {
            throw new RunsStoppedException(spec.label() + " was not attempted: " + stoppedBy + " earlier in this JVM.");
        }
    }

    /**
     * Fails before anything trains when the results directory cannot be written (a file in its
     * place, a read-only file system, no space), naming it and its key: a whole training must not
     * end in a result that cannot be kept. Checked once per execution, by creating and deleting an
     * empty file there (a disk that fills later fails the write that finds it full).
     */
    private void checkResultsWritable() {
        if (resultsWritable) {
            return;
        }
        try {
            Files.createDirectories(settings.resultsDir());
            Files.delete(Files.createTempFile(settings.resultsDir(), ".tailbench-write-check", ".tmp"));
        }
        catch (IOException e) {
            Path root = settings.resultsDir();
            String why = Files.exists(root) && !Files.isDirectory(root) ? "it is a file, not a directory" : e.toString();
            throw new IllegalStateException("The results directory " + root.toAbsolutePath()
                    + " (" + RunSettings.RESULTS_DIR_KEY + ") cannot be written: " + why
                    + ". Nothing was trained; point " + RunSettings.RESULTS_DIR_KEY + " at a writable directory.", e);
        }
        resultsWritable = true;
    }

    /**
     * A stored result that may stand in for the run: of the same settings ({@link ResultStore#find})
     * and trained in the same environment ({@link RunEnvironment#differences}); the console says why
     * one of the same settings is not used. Loading the engine first makes a GPU request fail here,
     * before any stored result could pass for a GPU run.
     */
    private Optional<RunResult> stored(RunSpec spec) {
        Optional<RunResult> found = store.find(spec, progress::warning);
        if (found.isEmpty()) {
            return found;
        }
        List<String> differences = environment(spec).differences(found.get());
        if (!differences.isEmpty()) {
            progress.warning(store.path(spec) + " has the same settings but is not used (" + String.join("; ",
                    differences) + "): training again");
            return Optional.empty();
        }
        return found;
    }

    private RunEnvironment environment(RunSpec spec) {
        NativeEngine engine = engine(spec);
        String sha = null;
        String problem = null;
        try {
            sha = DataContent.sha256(spec.data());
        }
        catch (IOException | RuntimeException e) {
            problem = e.getMessage();
        }
        return new RunEnvironment(VersionInfo.of(engine.engine()), engine.deviceRecord(), sha, problem);
    }

    /** Which run, and trained how: a stored or earlier result stands in only for the same both. */
    private static String key(RunSpec spec) {
        return spec.experiment() + "#" + spec.combination() + "#" + spec.seed() + "#" + ResultStore.fingerprint(spec);
    }

    private PreparedData prepared(RunSpec spec) {
        PreparedData prepared = data.get(spec.data());
        if (prepared == null) {
            try {
                prepared = PreparedData.load(spec.data(), engine(spec).device());
                prepared.warnings().forEach(progress::warning);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            data.put(spec.data(), prepared);
            // The readers' pixel arrays are garbage now; collecting them before training lets the
            // JVM return that heap (with a small -Xms) so that it does not add to the run's peak.
            System.gc();
        }
        return prepared;
    }

    private NativeEngine engine(RunSpec spec) {
        if (nativeEngine == null) {
            nativeEngine = NativeEngine.load(spec.device(), settings.threads());
        }
        return nativeEngine;
    }

    @Override
    public void close() {
        releaseData();
    }
}
