package dev.tailbench.engine;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import dev.tailbench.engine.shard.Shard;

import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The {@link Constants} keys read once and typed. A malformed value fails the whole engine with a
 * message naming the key: it would affect every experiment alike.
 *
 * @param dataDir        data directory, or {@code null} for the embedded data set
 * @param resultsDir     where result files go
 * @param device         {@code auto}, {@code cpu} or {@code gpu}
 * @param epochs         epochs override
 * @param seeds          seeds override (empty: none)
 * @param batchSize      batch size override
 * @param threads        intra-op threads of the native engine
 * @param progress       whether progress lines are printed
 * @param shotThresholds {@code scaled} or {@code absolute}
 * @param dataset        data set override
 * @param backbone       backbone override
 * @param variant        subset variant override
 * @param alpha          level of the paired test over seeds
 * @param shard          the shard to run (empty: everything)
 * @param imbalance      imbalance factor override
 */
public record TailbenchConfiguration(String dataDir, Path resultsDir, String device, OptionalInt epochs,
        List<Long> seeds, OptionalInt batchSize, int threads, boolean progress, String shotThresholds,
        Optional<String> dataset, Optional<String> backbone, Optional<String> variant, double alpha,
        Optional<Shard> shard, OptionalDouble imbalance) {

    /** A configuration without an imbalance override. */
    public TailbenchConfiguration(String dataDir, Path resultsDir, String device, OptionalInt epochs,
            List<Long> seeds, OptionalInt batchSize, int threads, boolean progress, String shotThresholds,
            Optional<String> dataset, Optional<String> backbone, Optional<String> variant, double alpha,
            Optional<Shard> shard) {
        this(dataDir, resultsDir, device, epochs, seeds, batchSize, threads, progress, shotThresholds, dataset,
                backbone, variant, alpha, shard, OptionalDouble.empty());
    }

    /** A configuration that runs every shard: what reading a declaration needs. */
    public TailbenchConfiguration(String dataDir, Path resultsDir, String device, OptionalInt epochs,
            List<Long> seeds, OptionalInt batchSize, int threads, boolean progress, String shotThresholds,
            Optional<String> dataset, Optional<String> backbone, Optional<String> variant, double alpha) {
        this(dataDir, resultsDir, device, epochs, seeds, batchSize, threads, progress, shotThresholds, dataset,
                backbone, variant, alpha, Optional.empty());
    }

    private static final List<String> DEVICES = List.of("auto", "cpu", "gpu");
    private static final List<String> SHOTS = List.of("scaled", "absolute");

    /**
     * Reads every key from the configuration parameters, after refusing any {@code tailbench.*}
     * key that tailbench does not know (see {@link KnownKeys}).
     */
    public static TailbenchConfiguration from(ConfigurationParameters parameters) {
        KnownKeys.check(parameters);
        String dataDir = parameters.get(Constants.DATA_DIR).map(String::trim).filter(s -> !s.isEmpty())
                .map(dir -> Path.of(dir).toAbsolutePath().normalize().toString()).orElse(null);
        Path resultsDir = Path.of(parameters.get(Constants.RESULTS_DIR).map(String::trim).filter(s -> !s.isEmpty())
                .orElse(Constants.DEFAULT_RESULTS_DIR)).toAbsolutePath().normalize();
        String device = oneOf(parameters, Constants.DEVICE, DEVICES);
        OptionalInt epochs = positiveInt(parameters, Constants.EPOCHS);
        List<Long> seeds = parameters.get(Constants.SEEDS).map(String::trim).filter(s -> !s.isEmpty())
                .map(TailbenchConfiguration::parseSeeds).orElse(List.of());
        OptionalInt batchSize = positiveInt(parameters, Constants.BATCH_SIZE);
        int threads = positiveInt(parameters, Constants.THREADS)
                .orElse(Runtime.getRuntime().availableProcessors());
        boolean progress = BooleanParameter.read(parameters, Constants.PROGRESS, true);
        String shots = oneOf(parameters, Constants.SHOT_THRESHOLDS, SHOTS);
        Optional<String> dataset = parameters.get(Constants.DATASET).map(String::trim).filter(s -> !s.isEmpty());
        Optional<String> backbone = parameters.get(Constants.BACKBONE).map(String::trim).filter(s -> !s.isEmpty());
        Optional<String> variant = parameters.get(Constants.VARIANT).map(String::trim).filter(s -> !s.isEmpty());
        return new TailbenchConfiguration(dataDir, resultsDir, device, epochs, seeds, batchSize, threads, progress,
                shots, dataset, backbone, variant, alpha(parameters), shard(parameters), imbalance(parameters));
    }

    private static OptionalDouble imbalance(ConfigurationParameters parameters) {
        Optional<String> value = parameters.get(Constants.IMBALANCE).map(String::trim).filter(s -> !s.isEmpty());
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double parsed = Double.parseDouble(value.get());
            if (parsed >= 1 && Double.isFinite(parsed)) {
                return OptionalDouble.of(parsed);
            }
        }
        catch (NumberFormatException ignored) {
            // reported below with the key's name
        }
        throw new JUnitException("Configuration parameter '" + Constants.IMBALANCE + "' is '" + value.get()
                + "'; expected an imbalance factor n_max / n_min of at least 1, such as 50");
    }

    private static Optional<Shard> shard(ConfigurationParameters parameters) {
        Optional<String> value = parameters.get(Constants.SHARD).map(String::trim).filter(s -> !s.isEmpty());
        try {
            return value.map(Shard::parse);
        }
        catch (IllegalArgumentException e) {
            throw new JUnitException("Configuration parameter '" + Constants.SHARD + "' is '" + value.get()
                    + "': " + e.getMessage() + "; expected i/n with 1 <= i <= n, such as 2/4");
        }
    }

    private static double alpha(ConfigurationParameters parameters) {
        Optional<String> value = parameters.get(Constants.ALPHA).map(String::trim).filter(s -> !s.isEmpty());
        if (value.isEmpty()) {
            return Constants.DEFAULT_ALPHA;
        }
        try {
            double parsed = Double.parseDouble(value.get());
            if (parsed > 0 && parsed < 0.5) {
                return parsed;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below with the key's name
        }
        throw new JUnitException("Configuration parameter '" + Constants.ALPHA + "' is '" + value.get()
                + "'; expected a level between 0 and 0.5 such as 0.05");
    }

    private static String oneOf(ConfigurationParameters parameters, String key, List<String> allowed) {
        Optional<String> value = parameters.get(key).map(s -> s.trim().toLowerCase(Locale.ROOT));
        if (value.isEmpty() || value.get().isEmpty()) {
            return allowed.get(0);
        }
        if (!allowed.contains(value.get())) {
            throw new JUnitException("Configuration parameter '" + key + "' is '" + value.get() + "'; expected one of "
                    + allowed);
        }
        return value.get();
    }

    private static OptionalInt positiveInt(ConfigurationParameters parameters, String key) {
        Optional<String> value = parameters.get(key).map(String::trim).filter(s -> !s.isEmpty());
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed > 0) {
                return OptionalInt.of(parsed);
            }
        }
        catch (NumberFormatException ignored) {
            // reported below with the key's name
        }
        throw new JUnitException("Configuration parameter '" + key + "' is '" + value.get()
                + "'; expected a positive whole number");
    }

    private static List<Long> parseSeeds(String value) {
        try {
            List<Long> seeds = Arrays.stream(value.split(",")).map(String::trim).map(Long::parseLong).toList();
            if (seeds.stream().distinct().count() != seeds.size()) {
                throw new JUnitException("Configuration parameter '" + Constants.SEEDS + "' repeats a seed: " + value);
            }
            return seeds;
        }
        catch (NumberFormatException e) {
            throw new JUnitException("Configuration parameter '" + Constants.SEEDS + "' is '" + value
                    + "'; expected comma-separated whole numbers such as 1,2,3");
        }
    }
}
