package dev.tailbench.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import ai.djl.engine.Engine;

import dev.tailbench.report.Versions;

/** The versions a result records (public for the speed benchmarks, which record the same). */
public final class VersionInfo {

    /** What a version or build that cannot be told reads as. */
    static final String UNKNOWN = "unknown";

    private VersionInfo() {
    }

    public static Versions of(Engine engine) {
        return new Versions(tailbench(), build(), Engine.getDjlVersion(), engine.getEngineName() + " " + engine.getVersion(),
                System.getProperty("java.vendor") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    private static volatile String build;

    /**
     * SHA-256 over tailbench's own class files (name and content, in name order), from the
     * directory or jar they were loaded from; "unknown" when they cannot be read. Computed once.
     */
    static String build() {
        String known = build;
        if (known == null) {
            known = hashClasses();
            build = known;
        }
        return known;
    }

    private static String hashClasses() {
        try {
            Path location = Path.of(VersionInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            TreeMap<String, byte[]> classes = new TreeMap<>();
            if (Files.isDirectory(location)) {
                Path root = location.resolve("dev/tailbench");
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                        classes.put(location.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                }
            }
            else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        if (entry.getName().startsWith("dev/tailbench/") && entry.getName().endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                classes.put(entry.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            classes.forEach((name, content) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update(content);
            });
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (IOException | URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** From a resource Maven filters at build time; "unknown" when run from unbuilt sources. */
    static String tailbench() {
        try (InputStream in = VersionInfo.class.getResourceAsStream("/dev/tailbench/version.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", UNKNOWN);
        }
        catch (IOException e) {
            return UNKNOWN;
        }
    }
}
