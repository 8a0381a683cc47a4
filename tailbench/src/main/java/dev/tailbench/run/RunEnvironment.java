package dev.tailbench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.tailbench.report.DeviceRecord;
import dev.tailbench.report.RunResult;
import dev.tailbench.report.Versions;

/**
 * What besides a run's settings decides its numbers, here and now: tailbench's build, DJL's and the
 * engine's versions, the device kind (and GPU model), the thread count on a CPU, and the content of
 * the data files. A stored result stands in for a run only when all of it matches
 * ({@link #differences}).
 *
 * @param versions   tailbench's, DJL's and the engine's versions here
 * @param device     the device runs train on here
 * @param dataSha256 the content hash of the run's data files here ({@code dev.tailbench.data.DataContent}),
 *                   {@code null} when they cannot be read
 * @param dataProblem why the data files cannot be read, {@code null} when they can
 */
record RunEnvironment(Versions versions, DeviceRecord device, String dataSha256, String dataProblem) {

    /** What differs between a stored result's environment and this one; empty when it may stand in. */
    List<String> differences(RunResult stored) {
        List<String> differences = new ArrayList<>();
        Versions then = stored.versions();
        if (VersionInfo.UNKNOWN.equals(versions.build())) {
            differences.add("tailbench's build is unknown here, so no stored result can be matched to it");
        }
        else if (then == null) {
            differences.add("it records no versions");
        }
        else {
            compare(differences, "tailbench build", then.build(), versions.build());
            compare(differences, "DJL", then.djl(), versions.djl());
            compare(differences, "engine", then.engine(), versions.engine());
        }
        DeviceRecord was = stored.device();
        if (was == null) {
            differences.add("it records no device");
        }
        else {
            compare(differences, "device", kind(was.used()), kind(device.used()));
            if (kind(device.used()).equals("gpu") && kind(was.used()).equals("gpu")) {
                compare(differences, "GPU", was.gpu() == null ? null : was.gpu().model(),
                        device.gpu() == null ? null : device.gpu().model());
            }
            // On a CPU a float sum over another number of threads rounds differently.
            if (kind(device.used()).equals("cpu") && kind(was.used()).equals("cpu") && was.threads() != device.threads()) {
                differences.add("threads: " + was.threads() + " there, " + device.threads() + " here");
            }
        }
        String data = stored.dataset() == null ? null : stored.dataset().contentSha256();
        if (dataProblem != null) {
            differences.add("the data files cannot be read here (" + dataProblem + ")");
        }
        else if (data == null) {
            differences.add("it records no hash of its data files");
        }
        else if (!data.equals(dataSha256)) {
            differences.add("data files: content " + data.substring(0, 12) + "... there, " + dataSha256.substring(0, 12)
                    + "... here");
        }
        return differences;
    }

    private static void compare(List<String> differences, String what, String then, String now) {
        if (!Objects.equals(then, now)) {
            differences.add(what + ": " + then + " there, " + now + " here");
        }
    }

    /** {@code cpu} or {@code gpu} from a device name such as {@code gpu(0)}. */
    static String kind(String device) {
        if (device == null) {
            return "unknown";
        }
        int parenthesis = device.indexOf('(');
        return parenthesis < 0 ? device : device.substring(0, parenthesis);
    }
}
