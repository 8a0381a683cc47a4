package dev.tailbench.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Refuses a {@code tailbench.*} configuration parameter that tailbench does not read. A typo such
 * as {@code -Dtailbench.epoch=3} would otherwise be ignored and the run would train with the
 * declared epochs, which a regression gate must not do silently. The {@code tailbench.} prefix is
 * therefore reserved: every key under it is one of {@link Constants}' keys, or one of the Maven
 * properties of tailbench's own build ({@link #BUILD_PROPERTIES}) that Surefire hands to the test
 * JVM as system properties.
 */
final class KnownKeys {

    /** The prefix every key of tailbench starts with. */
    static final String PREFIX = "tailbench.";

    /** Properties of tailbench's own Maven build, not read by the engine. */
    static final Set<String> BUILD_PROPERTIES = Set.of("tailbench.excludedGroups");

    /** Every key of {@link Constants}: its public String constants that are not defaults. */
    static final SortedSet<String> ENGINE_KEYS = engineKeys();

    private KnownKeys() {
    }

    /** Fails, naming the key and the known keys closest to it, when a parameter is unknown. */
    static void check(ConfigurationParameters parameters) {
        List<String> unknown = parameters.keySet().stream()
                .filter(key -> key.startsWith(PREFIX))
                .filter(key -> !ENGINE_KEYS.contains(key) && !BUILD_PROPERTIES.contains(key))
                .sorted().toList();
        if (unknown.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder();
        for (String key : unknown) {
            message.append(message.length() == 0 ? "" : "; ").append("Unknown configuration parameter '")
                    .append(key).append('\'');
            List<String> closest = closest(key);
            if (!closest.isEmpty()) {
                message.append(": did you mean ").append(String.join(" or ", closest)).append('?');
            }
        }
        message.append(". Keys under '").append(PREFIX).append("' are tailbench's; known keys: ")
                .append(String.join(", ", ENGINE_KEYS));
        throw new JUnitException(message.toString());
    }

    /**
     * The known keys at the smallest edit distance from {@code key}, if that distance is small
     * enough to be a typo: at most a third of the key's length after the prefix, at least 2.
     */
    static List<String> closest(String key) {
        String tail = key.substring(PREFIX.length());
        int limit = Math.max(2, tail.length() / 3);
        int best = Integer.MAX_VALUE;
        List<String> closest = new ArrayList<>();
        for (String known : ENGINE_KEYS) {
            int distance = editDistance(tail, known.substring(PREFIX.length()));
            if (distance > limit || distance > best) {
                continue;
            }
            if (distance < best) {
                best = distance;
                closest.clear();
            }
            closest.add(known);
        }
        // A key that is a known key with a prefix or suffix added or cut (tailbench.checkpoint)
        // is as likely a slip as a close spelling.
        if (closest.isEmpty()) {
            ENGINE_KEYS.stream().filter(known -> known.startsWith(key + ".") || key.startsWith(known + "."))
                    .forEach(closest::add);
        }
        return closest;
    }

    /** Levenshtein distance: insertions, deletions and substitutions of one character each cost 1. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static SortedSet<String> engineKeys() {
        SortedSet<String> keys = new TreeSet<>();
        Arrays.stream(Constants.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .filter(field -> !field.getName().startsWith("DEFAULT_"))
                .map(KnownKeys::value)
                .forEach(keys::add);
        return keys;
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        }
        catch (IllegalAccessException e) {
            throw new IllegalStateException("Constants." + field.getName() + " is not readable", e);
        }
    }
}
