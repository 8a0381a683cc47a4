package dev.tailbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.tailbench.io.AtomicFiles;
import dev.tailbench.io.Sha256;
import dev.tailbench.spec.RunSpec;

/**
 * Result files under the results directory:
 * {@code <results>/<Experiment>/<combination>/seed-<n>.json}. Each file is written to a temporary
 * sibling and moved into place atomically, so a reader (or a killed run) never sees half a file.
 */
public final class ResultStore {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path root;
    private final ResultsLayout layout;

    public ResultStore(Path root) {
        this.root = root;
        this.layout = new ResultsLayout(root);
    }

    public Path root() {
        return root;
    }

    /** Where each file of the results directory goes. */
    public ResultsLayout layout() {
        return layout;
    }

    /** Where the result of a run goes. */
    public Path path(RunSpec spec) {
        return path(spec.experiment(), spec.combination(), spec.seed());
    }

    /** Where the result of an experiment's (class name) combination and seed goes. */
    public Path path(String experiment, String combination, long seed) {
        return layout.result(experiment, combination, seed);
    }

    /** Where a combination's summary over seeds goes. */
    public Path seedsPath(String experiment, String combination) {
        return layout.seeds(experiment, combination);
    }

    /** Writes a summary over seeds atomically and returns its path. */
    public Path writeSeeds(SeedsResult result) {
        Path target = seedsPath(result.experimentClass(), result.combination());
        try {
            AtomicFiles.write(target, out -> JSON.writeValue(out, result));
            return target;
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes a result atomically and returns its path. */
    public Path write(RunSpec spec, RunResult result) {
        Path target = path(spec);
        try {
            AtomicFiles.write(target, out -> JSON.writeValue(out, result));
            return target;
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not write result " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * A stored, {@linkplain RunResult#complete() complete} result of exactly these settings, if one
     * exists and can be read; one that cannot be read is reported to {@code problems} (and will be
     * replaced by the run's new result).
     */
    public Optional<RunResult> find(RunSpec spec, Consumer<String> problems) {
        Path path = path(spec);
        if (!Files.isRegularFile(path)) {
            // Before results were kept under the class's full name: only a file that records this
            // very class stands in (another class of the same simple name wrote there too).
            path = layout.legacyResult(spec.experimentName(), spec.combination(), spec.seed());
            if (!Files.isRegularFile(path)) {
                return Optional.empty();
            }
        }
        try {
            RunResult stored = read(path);
            return fingerprint(spec).equals(stored.fingerprint()) && stored.complete()
                    && spec.experiment().equals(stored.experimentClass()) ? Optional.of(stored) : Optional.empty();
        }
        catch (IOException e) {
            problems.accept("stored result " + path + " cannot be read (" + e.getMessage().lines().findFirst().orElse("")
                    + "): training again");
            return Optional.empty();
        }
    }

    /** Reads a result file. */
    public static RunResult read(Path path) throws IOException {
        return JSON.readValue(path.toFile(), RunResult.class);
    }

    /** The result as JSON text. */
    public static String toJson(RunResult result) {
        try {
            return JSON.writeValueAsString(result);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SHA-256 of every setting that decides the trained model (data, backbone, schedule, recipe,
     * seed): two runs with the same fingerprint train the same model.
     */
    public static String fingerprint(RunSpec spec) {
        return canonicalSha256(spec.trainingSettings());
    }

    /** SHA-256 of settings as compact JSON with map keys in order: equal settings, equal digest. */
    public static String canonicalSha256(Object settings) {
        try {
            byte[] canonical = JSON.copy().disable(SerializationFeature.INDENT_OUTPUT)
                    .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsBytes(settings);
            return Sha256.hex(canonical);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
