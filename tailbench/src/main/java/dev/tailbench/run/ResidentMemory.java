package dev.tailbench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process from {@code /proc/self/status} (Linux): native memory of
 * libtorch included, which the JVM's own counters do not see. NaN where unavailable.
 */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** Current resident set size in MiB. */
    public static double currentMb() {
        return read("VmRSS:");
    }

    /** Peak resident set size in MiB. */
    public static double peakMb() {
        return read("VmHWM:");
    }

    private static double read(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    String kilobytes = line.substring(field.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kilobytes) / 1024.0;
                }
            }
        }
        catch (IOException | RuntimeException e) {
            // not Linux, or /proc unreadable: memory is simply not recorded
        }
        return Double.NaN;
    }
}
