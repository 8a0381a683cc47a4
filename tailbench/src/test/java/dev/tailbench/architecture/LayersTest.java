package dev.tailbench.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Layers point one way: api <- spec <- tricks / model / data <- run <- engine (and the launcher
 * beside it). Read from the sources, so that an import of a constant (which the compiler inlines
 * and no class file shows) counts as well: every {@code dev.tailbench.*} package a file imports or
 * names in code.
 */
class LayersTest {

    /** The sources of the engine module; the API and the Allure report are modules of their own. */
    private static final Path SOURCES = Path.of("tailbench/src/main/java/dev/tailbench");
    private static final Pattern REFERENCE = Pattern.compile("dev\\.tailbench\\.([a-z]+)");

    @ParameterizedTest(name = "{0} uses none of {1}")
    @CsvSource(delimiter = ';', value = {
        "api;       spec tricks model data train metrics report io run engine launcher",
        "spec;      tricks model data train metrics report io run engine launcher",
        "io;        api spec tricks model data train metrics report run engine launcher",
        "metrics;   tricks model data train report run engine launcher",
        "train;     tricks data report run engine launcher",
        "model;     tricks data report run engine launcher",
        "data;      tricks model train report run engine launcher",
        "tricks;    report run engine launcher",
        "report;    run engine launcher",
        "run;       engine launcher",
        "allure;    run engine launcher",
    })
    void aLayerUsesNothingAboveIt(String layer, String forbidden) throws IOException {
        List<String> above = List.of(forbidden.trim().split("\\s+"));
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources(layer))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).trim();
                    if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                        continue;
                    }
                    Matcher matcher = REFERENCE.matcher(line);
                    while (matcher.find()) {
                        if (above.contains(matcher.group(1))) {
                            violations.add(file + ":" + (i + 1) + ": " + line);
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /** The tricks and the trainer see a {@code model.Backbone}, so another family of backbones needs no change there. */
    @ParameterizedTest
    @CsvSource({"tricks", "run"})
    void tricksAndTheTrainerNameNoBackboneFamily(String layer) throws IOException {
        try (Stream<Path> files = Files.walk(sources(layer))) {
            assertThat(files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains("CifarResNet");
                }
                catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList()).isEmpty();
        }
    }

    /**
     * Only the engine (and the launcher) speak JUnit: the run layer returns verdicts, and
     * {@code engine.execution.Outcomes} turns them into passed, failed or aborted tests.
     */
    @ParameterizedTest
    @CsvSource({"run", "tricks", "model", "data", "spec", "report", "metrics", "train", "io"})
    void onlyTheEngineSpeaksJUnit(String layer) throws IOException {
        try (Stream<Path> files = Files.walk(sources(layer))) {
            assertThat(files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    String source = Files.readString(f);
                    return source.contains("org.junit") || source.contains("org.opentest4j");
                }
                catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList()).isEmpty();
        }
    }

    /** A layer's source directory: its module's ({@code allure} is the Allure module's report package). */
    private static Path sources(String layer) {
        return switch (layer) {
            case "api" -> Path.of("tailbench-api/src/main/java/dev/tailbench/api");
            case "allure" -> Path.of("tailbench-allure/src/main/java/dev/tailbench/report/allure");
            default -> SOURCES.resolve(layer);
        };
    }
}
