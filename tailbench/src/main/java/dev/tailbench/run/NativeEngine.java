package dev.tailbench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.LibUtils;

import dev.tailbench.report.DeviceRecord;
import dev.tailbench.report.GpuRecord;

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
     * @param threads         intra-op threads (libtorch takes them at its first load in a JVM)
     */
    public static NativeEngine load(String requestedDevice, int threads) {
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        Engine engine = Engine.getEngine(ENGINE_NAME);
        Device device = switch (requestedDevice) {
            case "cpu" -> Device.cpu();
            case "gpu" -> gpu(engine);
            default -> engine.defaultDevice();
        };
        GpuRecord gpu = device.isGpu() ? GpuProbe.system().describe(device.getDeviceId()) : null;
        String description = gpu != null ? "GPU " + device.getDeviceId() + ": " + gpu.summary() : cpuModel();
        // libtorch reads its thread count once per JVM, from whichever load came first: record the
        // count it uses, which decides the float sums, not the one asked for now.
        return new NativeEngine(engine, device, new DeviceRecord(requestedDevice, device.toString(),
                JniUtils.getNumThreads(), description, gpu));
    }

    /**
     * The GPU for {@code tailbench.device=gpu}, or an exception saying why there is none: never the
     * CPU instead, which would train a "GPU" run on the CPU without anyone noticing.
     */
    private static Device gpu(Engine engine) {
        if (engine.getGpuCount() > 0) {
            return Device.gpu();
        }
        if (!engine.hasCapability(StandardCapabilities.CUDA)) {
            throw new IllegalStateException("tailbench.device=gpu, but the PyTorch engine found no GPU"
                    + " (libtorch " + engine.getVersion() + " loaded from " + libtorchPath() + " is built without"
                    + " CUDA; PYTORCH_FLAVOR " + setting("PYTORCH_FLAVOR") + "). Run with -Dgpu (the gpu profile), which"
                    + " leaves the CPU natives out, and point PYTORCH_LIBRARY_PATH at a CUDA libtorch;"
                    + " refusing to train on the CPU instead.");
        }
        // libtorch has CUDA, but DJL counted no GPU: DJL counts through the CUDA runtime library,
        // loaded by name with JNA, which fails where libcudart is reachable only through libtorch's
        // own RPATH (PyTorch's pip wheels). libtorch itself is the judge: allocate on the GPU.
        try (NDManager probe = engine.newBaseManager(Device.gpu())) {
            probe.zeros(new Shape(1)).close();
            return Device.gpu();
        }
        catch (RuntimeException e) {
            throw new IllegalStateException("tailbench.device=gpu, but the PyTorch engine found no GPU: libtorch "
                    + engine.getVersion() + " (" + libtorchPath() + ") has CUDA, DJL counted no GPU (it loads"
                    + " libcudart through JNA: -Djna.library.path may need the directory holding libcudart.so.*)"
                    + " and allocating on gpu(0) failed: " + e.getMessage() + "; refusing to train on the CPU instead.",
                    e);
        }
    }

    private static String libtorchPath() {
        try {
            return LibUtils.getLibtorchPath();
        }
        catch (RuntimeException e) {
            return "an unknown directory";
        }
    }

    /** DJL reads its PYTORCH_* settings from the environment first, then from system properties. */
    private static String setting(String name) {
        String value = System.getenv(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value == null ? "not set" : "'" + value + "'";
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
