package dev.tailbench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.djl.util.cuda.CudaUtils;

import dev.tailbench.report.GpuRecord;

/**
 * Finds out which GPU a run trains on, for its result: model, driver and memory from nvidia-smi,
 * the driver from the kernel module's version file when nvidia-smi cannot be run, and the CUDA
 * runtime and compute capability from DJL. Each source may fail on its own; what it could not tell
 * is recorded as unknown with the reason. Never throws: a run is never failed for its description.
 */
final class GpuProbe {

    /** The CUDA facts DJL reads through the CUDA runtime; a seam so tests need no GPU. */
    interface CudaFacts {

        /** @return e.g. {@code 12.8} */
        String runtimeVersion();

        /** @return e.g. {@code 9.0} */
        String computeCapability(int cudaIndex);
    }

    // "NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.159.03  Thu ..." and, for the open
    // modules, "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.95.05  Release Build ...".
    private static final Pattern KERNEL_MODULE_VERSION =
            Pattern.compile("Kernel Module(?: for \\S+)?\\s+(\\d+(?:\\.\\d+)+)");

    private final NvidiaSmi nvidiaSmi;
    private final CudaFacts cuda;
    private final Path driverVersionFile;
    private final String cudaVisibleDevices;

    GpuProbe(NvidiaSmi nvidiaSmi, CudaFacts cuda, Path driverVersionFile, String cudaVisibleDevices) {
        this.nvidiaSmi = nvidiaSmi;
        this.cuda = cuda;
        this.driverVersionFile = driverVersionFile;
        this.cudaVisibleDevices = cudaVisibleDevices;
    }

    /** Asks this machine's nvidia-smi, kernel module and CUDA runtime. */
    static GpuProbe system() {
        return new GpuProbe(new NvidiaSmi(CommandRunner.system()), new DjlCudaFacts(),
                Path.of("/proc/driver/nvidia/version"), System.getenv("CUDA_VISIBLE_DEVICES"));
    }

    /**
     * Describes a GPU.
     *
     * @param cudaIndex the CUDA device index the engine trains on
     */
    GpuRecord describe(int cudaIndex) {
        List<String> notes = new ArrayList<>();
        String model = GpuRecord.UNKNOWN;
        String driver = GpuRecord.UNKNOWN;
        Long memoryMib = null;
        try {
            NvidiaSmi.Answer answer = nvidiaSmi.query(NvidiaSmi.idOf(cudaIndex, cudaVisibleDevices));
            model = answer.model();
            driver = answer.driver();
            memoryMib = answer.memoryMib();
        }
        catch (RuntimeException e) {
            notes.add("nvidia-smi " + e.getMessage());
        }
        if (driver.equals(GpuRecord.UNKNOWN)) {
            try {
                driver = kernelModuleVersion(Files.readString(driverVersionFile));
            }
            catch (IOException | RuntimeException e) {
                notes.add(driverVersionFile + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        String runtime = ask(cuda::runtimeVersion, "CUDA runtime version", notes);
        String capability = ask(() -> cuda.computeCapability(cudaIndex), "compute capability", notes);
        String note = notes.isEmpty() ? null : String.join("; ", notes);
        return new GpuRecord(model, driver, memoryMib, runtime, capability, note);
    }

    /**
     * The driver version in the text of {@code /proc/driver/nvidia/version}.
     *
     * @throws IllegalStateException when the text names none
     */
    static String kernelModuleVersion(String text) {
        Matcher matcher = KERNEL_MODULE_VERSION.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no driver version in '" + text.lines().findFirst().orElse("") + "'");
        }
        return matcher.group(1);
    }

    private static String ask(Supplier<String> source, String what, List<String> notes) {
        try {
            return source.get();
        }
        // LinkageError: DJL reaches the CUDA runtime through JNA, whose native part may fail to load.
        catch (RuntimeException | LinkageError e) {
            notes.add(what + " unknown (" + e + ")");
            return null;
        }
    }

    /**
     * DJL's view, through the CUDA runtime library it loads by name with JNA. That lookup fails
     * where libcudart is reachable only through libtorch's own RPATH (PyTorch's pip wheels): then
     * {@code -Djna.library.path} must name its directory (benchmarks/gpu does).
     */
    private static final class DjlCudaFacts implements CudaFacts {

        @Override
        public String runtimeVersion() {
            int version = CudaUtils.getCudaVersion();   // 12080 for 12.8
            return version / 1000 + "." + version % 1000 / 10;
        }

        @Override
        public String computeCapability(int cudaIndex) {
            String digits = CudaUtils.getComputeCapability(cudaIndex);   // "90" for 9.0
            return digits.substring(0, digits.length() - 1) + "." + digits.substring(digits.length() - 1);
        }
    }
}
