package dev.tailbench.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Discovery must load no native library: Surefire discovers every class before it runs any. The
 * packages discovery and reporting touch therefore never reference DJL; this reads their compiled
 * classes' constant pools, where every referenced class name appears.
 */
class NativeFreeDiscoveryTest {

    private static final Path CLASSES = Path.of("tailbench/target/classes/dev/tailbench");

    @ParameterizedTest
    @ValueSource(strings = {"api", "engine", "spec", "metrics", "report", "launcher", "io"})
    void packageReferencesNoDjlClass(String pkg) throws IOException {
        Path classes = pkg.equals("api") ? Path.of("tailbench-api/target/classes/dev/tailbench/api") : CLASSES.resolve(pkg);
        assertThat(classesReferencingDjl(classes, true)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void dataReadersReferenceNoDjlClass() throws IOException {
        // data.device holds the tensors on the device; the readers and profiles beside it must not.
        assertThat(classesReferencingDjl(CLASSES.resolve("data"), false)).isEmpty();
    }

    private static List<Path> classesReferencingDjl(Path directory, boolean recursive) throws IOException {
        assertThat(directory).isDirectory();
        try (Stream<Path> files = recursive ? Files.walk(directory) : Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".class")).filter(file -> {
                try {
                    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("ai/djl/");
                }
                catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
