package dev.tailbench.api;

import java.util.Locale;
import java.util.Set;

/**
 * Range checks for trick hyper-parameters. Each failure names the trick and the parameter, so
 * that discovery can report "combination x: focal(gamma = -1.0) must be >= 0".
 */
final class Parameters {

    private Parameters() {
    }

    static double atLeast(String trick, String parameter, double value, double minimum) {
        if (!(value >= minimum) || Double.isInfinite(value)) {
            throw invalid(trick, parameter, value, "must be a finite number >= " + format(minimum));
        }
        return value;
    }

    static double positive(String trick, String parameter, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(trick, parameter, value, "must be a finite number > 0");
        }
        return value;
    }

    /** A value in the half-open interval [lower, upper). */
    static double inRange(String trick, String parameter, double value, double lower, double upper) {
        if (!(value >= lower && value < upper)) {
            throw invalid(trick, parameter, value, "must be in [" + format(lower) + ", " + format(upper) + ")");
        }
        return value;
    }

    /** A value in the closed interval [lower, upper]. */
    static double inClosedRange(String trick, String parameter, double value, double lower, double upper) {
        if (!(value >= lower && value <= upper)) {
            throw invalid(trick, parameter, value, "must be in [" + format(lower) + ", " + format(upper) + "]");
        }
        return value;
    }

    static int positiveCount(String trick, String parameter, int value) {
        if (value < 1) {
            throw invalid(trick, parameter, value, "must be >= 1");
        }
        return value;
    }

    static String oneOf(String trick, String parameter, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new IllegalArgumentException(trick + "(" + parameter + " = " + (value == null ? "null" : "\"" + value + "\"")
                    + ") must be one of " + allowed.stream().sorted().toList());
        }
        return value;
    }

    private static IllegalArgumentException invalid(String trick, String parameter, double value, String rule) {
        return new IllegalArgumentException(trick + "(" + parameter + " = " + format(value) + ") " + rule);
    }

    private static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%.1f", value) : String.valueOf(value);
    }
}
