package dev.tailbench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import ai.djl.Device;
import ai.djl.engine.Engine;

import dev.tailbench.report.DeviceRecord;

/**
 * Loads the PyTorch engine with the project's settings and picks the training device. Loaded
 * lazily, at the first run, so that discovery never touches native code.
 */
public final class NativeEngine {

    static final String ENGINE_NAME = "PyTorch";

    private final Engine engine;
    private final Device device;
    private final DeviceRecord deviceRecord;

    private NativeEngine(Engine engine, Device device, DeviceRecord deviceRecord) {
        this.engine = engine;
        this.device = device;
        this.deviceRecord = deviceRecord;
    }

    /**
     * Loads the engine. Thread counts are JVM system properties read once when libtorch starts,
     * so they are set here unless the user set them; DJL is kept offline so that a missing
     * native library fails at once instead of being downloaded.
     *
     * @param requestedDevice {@code auto}, {@code cpu} or {@code gpu}
     * @param threads         intra-op threads
     */
    public static NativeEngine load(String requestedDevice, int threads) {
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        Engine engine = Engine.getEngine(ENGINE_NAME);
        Device device = switch (requestedDevice) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (engine.getGpuCount() == 0) {
                    throw new IllegalStateException("tailbench.device=gpu, but the PyTorch engine found no GPU"
                            + " (libtorch " + engine.getVersion() + " loaded from the "
                            + System.getProperty("PYTORCH_FLAVOR", "default") + " natives). Build with -Pgpu, which"
                            + " leaves the CPU natives out, and point PYTORCH_LIBRARY_PATH at a CUDA libtorch;"
                            + " refusing to train on the CPU instead.");
                }
                yield Device.gpu();
            }
            default -> engine.defaultDevice();
        };
        String description = device.isGpu() ? "GPU " + device.getDeviceId() : cpuModel();
        return new NativeEngine(engine, device, new DeviceRecord(requestedDevice, device.toString(),
                threads, description));
    }

    public Engine engine() {
        return engine;
    }

    public Device device() {
        return device;
    }

    public DeviceRecord deviceRecord() {
        return deviceRecord;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static String cpuModel() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst()
                    .map(model -> model + ", " + cores + " cores available")
                    .orElse(cores + " cores available");
        }
        catch (IOException | RuntimeException e) {
            return cores + " cores available";
        }
    }
}
