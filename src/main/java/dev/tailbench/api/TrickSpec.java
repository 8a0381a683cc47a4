package dev.tailbench.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 */
public record TrickSpec(String family, String name, Map<String, Object> parameters) {

    public TrickSpec {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
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
