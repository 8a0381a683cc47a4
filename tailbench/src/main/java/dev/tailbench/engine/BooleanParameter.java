package dev.tailbench.engine;

import java.util.Locale;
import java.util.Optional;

import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Reads a boolean key strictly. JUnit's {@code ConfigurationParameters.getBoolean} reads anything
 * but {@code true} as false, so {@code -Dtailbench.resume=yes} or a typo such as {@code ture}
 * would silently mean false.
 */
final class BooleanParameter {

    private BooleanParameter() {
    }

    /** {@code true} or {@code false} in any case; blank or unset: {@code fallback}; else an error naming the key. */
    static boolean read(ConfigurationParameters parameters, String key, boolean fallback) {
        Optional<String> value = parameters.get(key).map(String::trim).filter(s -> !s.isEmpty());
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new JUnitException("Configuration parameter '" + key + "' is '" + value.get()
                    + "'; expected true or false");
        };
    }
}
