package dev.tailbench.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import ai.djl.engine.Engine;

import dev.tailbench.report.Versions;

/** The versions a result records (public for the speed benchmarks, which record the same). */
public final class VersionInfo {

    private VersionInfo() {
    }

    public static Versions of(Engine engine) {
        return new Versions(tailbench(), Engine.getDjlVersion(), engine.getEngineName() + " " + engine.getVersion(),
                System.getProperty("java.vendor") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    /** From a resource Maven filters at build time; "unknown" when run from unbuilt sources. */
    static String tailbench() {
        try (InputStream in = VersionInfo.class.getResourceAsStream("/dev/tailbench/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
        catch (IOException e) {
            return "unknown";
        }
    }
}
