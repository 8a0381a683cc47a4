package dev.tailbench.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The name of a combination: a method's name, or for a swept method ({@code @Values}) the method's
 * name with one value set, {@code focal[gamma=0.5]} or {@code lossBySampler[loss=ce,sampler=cb]}.
 * The name is a unique id segment and a directory name, so names and values are limited to
 * characters that are safe in both.
 */
public final class CombinationName {

    /** What a swept value may hold: letters, digits and {@code . _ + -}. */
    public static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._+-]+");

    private static final Pattern SWEPT = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)\\[(.*)]");

    private CombinationName() {
    }

    /** {@code method[k1=v1,k2=v2]}, or the method's name when nothing is swept. */
    public static String of(String method, Map<String, String> values) {
        if (values.isEmpty()) {
            return method;
        }
        StringJoiner name = new StringJoiner(",", method + "[", "]");
        values.forEach((key, value) -> name.add(key + "=" + value));
        return name.toString();
    }

    /** The swept values of a combination's name in order; empty when it is not swept. */
    public static Map<String, String> values(String combination) {
        var matcher = SWEPT.matcher(combination);
        if (!matcher.matches()) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : matcher.group(2).split(",")) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                return Map.of();
            }
            values.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return Collections.unmodifiableMap(values);
    }

    /** The method a combination's name comes from. */
    public static String method(String combination) {
        int bracket = combination.indexOf('[');
        return bracket < 0 ? combination : combination.substring(0, bracket);
    }
}
