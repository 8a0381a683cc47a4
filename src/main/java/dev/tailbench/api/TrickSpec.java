package dev.tailbench.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One trick of a recipe as plain data: its family (loss, sampler...), its name and its numeric
 * hyper-parameters. Plain data so that discovery can validate and the result JSON can record a
 * recipe without loading any native code; the trainer maps a spec to its implementation.
 *
 * @param family    the seam it plugs into, e.g. {@code loss} or {@code sampler}
 * @param name      the trick's name, e.g. {@code cross-entropy}
 * @param parameters every hyper-parameter, defaults included, sorted by name
 */
public record TrickSpec(String family, String name, Map<String, Double> parameters) {

    public TrickSpec {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    static TrickSpec of(String family, String name) {
        return new TrickSpec(family, name, Map.of());
    }

    /** The value of a hyper-parameter that the factory always sets. */
    public double parameter(String key) {
        Double value = parameters.get(key);
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
