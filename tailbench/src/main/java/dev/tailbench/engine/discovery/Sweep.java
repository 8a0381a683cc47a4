package dev.tailbench.engine.discovery;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.tailbench.api.Values;
import dev.tailbench.spec.CombinationName;

/**
 * The combinations a {@code @Combination} method declares: one for a method without parameters,
 * and for a method whose parameters carry {@link Values} one per element of their cross product
 * (the first parameter varying slowest, each parameter's values in declared order).
 */
final class Sweep {

    /**
     * One combination of a method: its name and the arguments its method is invoked with.
     *
     * @param name      {@code method} or {@code method[k=v,...]}
     * @param values    the swept values by parameter name, as declared (empty when not swept)
     * @param arguments the converted arguments
     */
    record Point(String name, Map<String, String> values, Object[] arguments) {
    }

    private Sweep() {
    }

    /**
     * The method's combinations.
     *
     * @throws IllegalArgumentException naming the parameter and value at fault
     */
    static List<Point> points(Method method) {
        Parameter[] parameters = method.getParameters();
        List<String> names = new ArrayList<>();
        List<List<String>> texts = new ArrayList<>();
        List<List<Object>> converted = new ArrayList<>();
        for (Parameter parameter : parameters) {
            Values values = parameter.getAnnotation(Values.class);
            if (values == null) {
                throw new IllegalArgumentException("parameter " + describe(parameter) + " has no @Values: a"
                        + " @Combination method takes no parameters, or sweeps each of them with @Values");
            }
            String name = name(parameter, values);
            if (names.contains(name)) {
                throw new IllegalArgumentException("two parameters are named '" + name + "' in @Values");
            }
            if (values.value().length == 0) {
                throw new IllegalArgumentException("@Values of parameter '" + name + "' holds no value");
            }
            List<String> own = new ArrayList<>();
            List<Object> ownConverted = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String raw : values.value()) {
                String text = raw.trim();
                if (!CombinationName.VALUE.matcher(text).matches()) {
                    throw new IllegalArgumentException("@Values of parameter '" + name + "' holds \"" + raw
                            + "\": a value may hold letters, digits and . _ + - only (it is part of names and paths)");
                }
                if (!seen.add(text)) {
                    throw new IllegalArgumentException("@Values of parameter '" + name + "' repeats \"" + text + "\"");
                }
                own.add(text);
                ownConverted.add(convert(text, parameter.getType(), name));
            }
            names.add(name);
            texts.add(own);
            converted.add(ownConverted);
        }
        List<Point> points = new ArrayList<>();
        collect(method.getName(), names, texts, converted, 0, new LinkedHashMap<>(), new Object[names.size()], points);
        return points;
    }

    private static void collect(String method, List<String> names, List<List<String>> texts,
            List<List<Object>> converted, int index, LinkedHashMap<String, String> chosen, Object[] arguments,
            List<Point> points) {
        if (index == names.size()) {
            Map<String, String> values = new LinkedHashMap<>(chosen);
            points.add(new Point(CombinationName.of(method, values), values, arguments.clone()));
            return;
        }
        for (int i = 0; i < texts.get(index).size(); i++) {
            chosen.put(names.get(index), texts.get(index).get(i));
            arguments[index] = converted.get(index).get(i);
            collect(method, names, texts, converted, index + 1, chosen, arguments, points);
            chosen.remove(names.get(index));
        }
    }

    private static String name(Parameter parameter, Values values) {
        if (!values.name().isBlank()) {
            String name = values.name().trim();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("@Values(name = \"" + values.name()
                        + "\") must be a name of letters, digits and _");
            }
            return name;
        }
        if (!parameter.isNamePresent()) {
            throw new IllegalArgumentException("parameter " + describe(parameter) + " has no name in the compiled"
                    + " class: compile with javac -parameters (maven.compiler.parameters = true) or set @Values(name = ...)");
        }
        return parameter.getName();
    }

    private static String describe(Parameter parameter) {
        return parameter.getName() + " (" + parameter.getType().getSimpleName() + ")";
    }

    private static Object convert(String text, Class<?> type, String name) {
        try {
            if (type == String.class) {
                return text;
            }
            if (type == int.class || type == Integer.class) {
                return Integer.valueOf(text);
            }
            if (type == long.class || type == Long.class) {
                return Long.valueOf(text);
            }
            if (type == double.class || type == Double.class) {
                return Double.valueOf(text);
            }
            if (type == float.class || type == Float.class) {
                return Float.valueOf(text);
            }
            if (type == boolean.class || type == Boolean.class) {
                return switch (text.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("not true or false");
                };
            }
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(text)) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException("not a constant of " + type.getSimpleName());
            }
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@Values of parameter '" + name + "' holds \"" + text
                    + "\", which is not a " + type.getSimpleName() + (e.getMessage() == null || e instanceof NumberFormatException
                            ? "" : " (" + e.getMessage() + ")"));
        }
        throw new IllegalArgumentException("parameter '" + name + "' has type " + type.getName()
                + ": @Values converts to String, int, long, double, float, boolean and enums only");
    }
}
