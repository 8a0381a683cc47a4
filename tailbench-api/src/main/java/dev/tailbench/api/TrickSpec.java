package dev.tailbench.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One trick of a recipe as plain data: its family (loss, sampler, mixup...), its name and its
 * hyper-parameters. Plain data so that discovery can validate and the result JSON can record a
 * recipe without loading any native code; the trainer maps a spec to its implementation.
 *
 * <p>Parameter values are numbers (held as {@link Double}) or words ({@link String}, e.g. the
 * shape of label-aware smoothing or the layer of manifold mixup). The factories in
 * {@link Losses}, {@link Samplers}, {@link Mixups} and {@link Rebalancing} validate them and set
 * every default, so a spec always lists all of its hyper-parameters.
 *
 * @param family     the seam it plugs into, e.g. {@code loss} or {@code sampler}
 * @param name       the trick's name, e.g. {@code cross-entropy}
 * @param parameters every hyper-parameter, defaults included, sorted by name
 * @param followingDataset the parameters left at a default that depends on the data set
 *                   ({@link DatasetDefaults}); {@link #forDataset} sets them. Not part of the
 *                   result JSON, which records the values.
 */
public record TrickSpec(String family, String name, Map<String, Object> parameters,
        @JsonIgnore Set<String> followingDataset) {

    public TrickSpec {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
        followingDataset = Collections.unmodifiableSet(new TreeSet<>(followingDataset));
        TreeMap<String, Object> copy = new TreeMap<>();
        parameters.forEach((key, value) -> {
            if (value instanceof Number number) {
                copy.put(key, number.doubleValue());
            }
            else if (value instanceof String text) {
                copy.put(key, text);
            }
            else {
                throw new IllegalArgumentException(family + " '" + name + "': parameter '" + key
                        + "' must be a number or a word, got " + value);
            }
        });
        parameters = Collections.unmodifiableMap(copy);
        for (String key : followingDataset) {
            if (!copy.containsKey(key) || !DatasetDefaults.parameters(name).contains(key)) {
                throw new IllegalArgumentException(family + " '" + name + "': parameter '" + key
                        + "' has no data-set-dependent default");
            }
        }
    }

    /** A spec whose parameters are all fixed. */
    public TrickSpec(String family, String name, Map<String, Object> parameters) {
        this(family, name, parameters, Set.of());
    }

    /** This spec with {@code key} marked as following the data set (a factory's default). */
    TrickSpec followingDataset(String key) {
        Set<String> keys = new TreeSet<>(followingDataset);
        keys.add(key);
        return new TrickSpec(family, name, parameters, keys);
    }

    /**
     * This spec for a data set: each parameter that follows the data set takes its value for
     * {@code dataset} ({@link DatasetDefaults#value}); explicit values are kept.
     */
    public TrickSpec forDataset(String dataset) {
        if (followingDataset.isEmpty()) {
            return this;
        }
        Map<String, Object> values = new TreeMap<>(parameters);
        followingDataset.forEach(key -> values.put(key, DatasetDefaults.value(name, key, dataset)));
        return new TrickSpec(family, name, values, followingDataset);
    }

    static TrickSpec of(String family, String name) {
        return new TrickSpec(family, name, Map.of());
    }

    /** The value of a numeric hyper-parameter that the factory always sets. */
    public double parameter(String key) {
        if (!(require(key) instanceof Double value)) {
            throw new IllegalArgumentException(family + " '" + name + "': parameter '" + key + "' is not a number");
        }
        return value;
    }

    /** The value of a word hyper-parameter that the factory always sets. */
    public String word(String key) {
        if (!(require(key) instanceof String value)) {
            throw new IllegalArgumentException(family + " '" + name + "': parameter '" + key + "' is not a word");
        }
        return value;
    }

    private Object require(String key) {
        Object value = parameters.get(key);
        if (value == null) {
            throw new IllegalArgumentException(family + " '" + name + "' has no parameter '" + key + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return parameters.isEmpty() ? name : name + parameters;
    }
}
