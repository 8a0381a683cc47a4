package dev.tailbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tailbench.report.GpuRecord;

/** What a GPU run records about its GPU, with every source standing in: no GPU needed. */
class GpuProbeTest {

    private static final GpuProbe.CudaFacts CUDA_12_8_HOPPER = new GpuProbe.CudaFacts() {
        @Override
        public String runtimeVersion() {
            return "12.8";
        }

        @Override
        public String computeCapability(int cudaIndex) {
            return "9.0";
        }
    };

    private static final GpuProbe.CudaFacts NO_CUDA_RUNTIME = new GpuProbe.CudaFacts() {
        @Override
        public String runtimeVersion() {
            throw new IllegalStateException("No cuda library is loaded.");
        }

        @Override
        public String computeCapability(int cudaIndex) {
            throw new IllegalStateException("No cuda library is loaded.");
        }
    };

    @Test
    void recordsWhatNvidiaSmiAndCudaSay(@TempDir Path dir) {
        GpuProbe probe = new GpuProbe(new NvidiaSmi((command, timeout) ->
                new CommandRunner.Output(0, "NVIDIA H200, 580.159.03, 143771\n")), CUDA_12_8_HOPPER,
                dir.resolve("absent"), null);
        assertThat(probe.describe(0))
                .isEqualTo(new GpuRecord("NVIDIA H200", "580.159.03", 143771L, "12.8", "9.0", null));
        assertThat(probe.describe(0).summary()).isEqualTo("NVIDIA H200, driver 580.159.03");
    }

    @Test
    void withoutNvidiaSmiTheDriverComesFromTheKernelModuleAndTheModelIsUnknownWithTheReason(@TempDir Path dir)
            throws IOException {
        Path version = Files.writeString(dir.resolve("version"),
                "NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.159.03  Thu Oct  9 12:00:00 UTC 2025\n"
                        + "GCC version:  gcc version 12.2.0 (Debian 12.2.0-14)\n");
        GpuProbe probe = new GpuProbe(new NvidiaSmi((command, timeout) -> {
            throw new IOException("Cannot run program \"nvidia-smi\": error=2, No such file or directory");
        }), CUDA_12_8_HOPPER, version, null);
        GpuRecord gpu = probe.describe(0);
        assertThat(gpu.model()).isEqualTo(GpuRecord.UNKNOWN);
        assertThat(gpu.driver()).isEqualTo("580.159.03");
        assertThat(gpu.memoryMib()).isNull();
        assertThat(gpu.cudaRuntime()).isEqualTo("12.8");
        assertThat(gpu.note()).isEqualTo("nvidia-smi could not be run (Cannot run program \"nvidia-smi\": error=2,"
                + " No such file or directory)");
    }

    @Test
    void nothingAnsweringGivesUnknownsAndEveryReasonButNoException(@TempDir Path dir) {
        GpuProbe probe = new GpuProbe(new NvidiaSmi((command, timeout) -> new CommandRunner.Output(6,
                "No devices were found\n")), NO_CUDA_RUNTIME, dir.resolve("version"), null);
        GpuRecord gpu = probe.describe(0);
        assertThat(gpu.model()).isEqualTo(GpuRecord.UNKNOWN);
        assertThat(gpu.driver()).isEqualTo(GpuRecord.UNKNOWN);
        assertThat(gpu.cudaRuntime()).isNull();
        assertThat(gpu.computeCapability()).isNull();
        assertThat(gpu.note()).startsWith("nvidia-smi exited with status 6: No devices were found; ")
                .contains(dir.resolve("version").toString())
                .contains("CUDA runtime version unknown (java.lang.IllegalStateException: No cuda library is loaded.)")
                .contains("compute capability unknown");
        assertThat(gpu.summary()).isEqualTo("unknown, driver unknown");
    }

    @Test
    void asksNvidiaSmiForTheGpuCudaSeesThroughCudaVisibleDevices(@TempDir Path dir) {
        StringBuilder asked = new StringBuilder();
        GpuProbe probe = new GpuProbe(new NvidiaSmi((command, timeout) -> {
            asked.append(command.get(command.size() - 1));
            return new CommandRunner.Output(0, "NVIDIA H100 80GB HBM3, 570.86.15, 81559\n");
        }), CUDA_12_8_HOPPER, dir.resolve("absent"), "4,5");
        assertThat(probe.describe(1).model()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(asked).hasToString("5");
    }

    @Test
    void readsBothKernelModuleVersionLines() {
        assertThat(GpuProbe.kernelModuleVersion(
                "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023"))
                .isEqualTo("535.104.05");
        assertThat(GpuProbe.kernelModuleVersion(
                "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.95.05  Release Build  (dvs-builder@U22)"))
                .isEqualTo("580.95.05");
    }
}
