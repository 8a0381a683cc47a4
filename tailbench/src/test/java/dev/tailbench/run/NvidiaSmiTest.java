package dev.tailbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

/** nvidia-smi's answers as the driver prints them, fed as text: no GPU needed. */
class NvidiaSmiTest {

    @Test
    void readsNameDriverAndMemory() {
        assertThat(NvidiaSmi.parse("NVIDIA H200, 580.159.03, 143771\n"))
                .isEqualTo(new NvidiaSmi.Answer("NVIDIA H200", "580.159.03", 143771L));
        assertThat(NvidiaSmi.parse("\n  NVIDIA A100-SXM4-80GB, 535.104.05, 81920  \n\n"))
                .isEqualTo(new NvidiaSmi.Answer("NVIDIA A100-SXM4-80GB", "535.104.05", 81920L));
    }

    @Test
    void keepsACommaInTheNameAndLeavesUnknownMemoryNull() {
        // nvidia-smi does not quote CSV fields: the name is all but the last two.
        assertThat(NvidiaSmi.parse("Some Board, Rev 2, 550.54, [N/A]"))
                .isEqualTo(new NvidiaSmi.Answer("Some Board, Rev 2", "550.54", null));
    }

    @Test
    void refusesAnswersThatAreNotOneGpuLine() {
        assertThatThrownBy(() -> NvidiaSmi.parse("")).hasMessageContaining("got nothing");
        assertThatThrownBy(() -> NvidiaSmi.parse("NVIDIA H200, 580.159.03, 143771\nNVIDIA H200, 580.159.03, 143771"))
                .hasMessageContaining("2 lines");
        assertThatThrownBy(() -> NvidiaSmi.parse("No devices were found")).hasMessageContaining("No devices were found");
        assertThatThrownBy(() -> NvidiaSmi.parse("NVIDIA H200, [N/A], 143771")).hasMessageContaining("[N/A]");
    }

    @Test
    void asksForOneGpuInCsvWithoutHeaderOrUnits() {
        List<List<String>> asked = new ArrayList<>();
        NvidiaSmi smi = new NvidiaSmi((command, timeout) -> {
            asked.add(command);
            return new CommandRunner.Output(0, "NVIDIA H200, 580.159.03, 143771\n");
        });
        assertThat(smi.query("3").model()).isEqualTo("NVIDIA H200");
        assertThat(asked).containsExactly(List.of("nvidia-smi", "--query-gpu=name,driver_version,memory.total",
                "--format=csv,noheader,nounits", "-i", "3"));
    }

    @Test
    void failureSaysWhy() {
        NvidiaSmi driverGone = new NvidiaSmi((command, timeout) -> new CommandRunner.Output(9,
                "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest"
                        + " NVIDIA driver is installed and running.\n\n"));
        assertThatThrownBy(() -> driverGone.query("0"))
                .hasMessageStartingWith("exited with status 9: NVIDIA-SMI has failed because it couldn't communicate");
        NvidiaSmi missing = new NvidiaSmi((command, timeout) -> {
            throw new IOException("Cannot run program \"nvidia-smi\": error=2, No such file or directory");
        });
        assertThatThrownBy(() -> missing.query("0")).hasMessageContaining("could not be run")
                .hasMessageContaining("No such file or directory");
        NvidiaSmi hung = new NvidiaSmi((command, timeout) -> {
            throw new TimeoutException();
        });
        assertThatThrownBy(() -> hung.query("0")).hasMessage("did not answer within 10 s");
    }

    @Test
    void cudaDeviceMapsThroughCudaVisibleDevices() {
        assertThat(NvidiaSmi.idOf(0, null)).isEqualTo("0");
        assertThat(NvidiaSmi.idOf(1, "")).isEqualTo("1");
        assertThat(NvidiaSmi.idOf(1, "2,3")).isEqualTo("3");
        assertThat(NvidiaSmi.idOf(0, " GPU-5f1c7e1e-2b6a-4f7d-9c3e-0a1b2c3d4e5f ,1"))
                .isEqualTo("GPU-5f1c7e1e-2b6a-4f7d-9c3e-0a1b2c3d4e5f");
    }

    @Test
    void runsARealProgramWithinItsTimeLimit() throws Exception {
        // The production runner, on programs every Linux machine has.
        CommandRunner.Output output = CommandRunner.system().run(List.of("sh", "-c", "echo hello; exit 3"),
                NvidiaSmi.TIMEOUT);
        assertThat(output).isEqualTo(new CommandRunner.Output(3, "hello\n"));
        assertThatThrownBy(() -> CommandRunner.system().run(List.of("sleep", "5"), java.time.Duration.ofMillis(200)))
                .isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> CommandRunner.system().run(List.of("/nonexistent/nvidia-smi"), NvidiaSmi.TIMEOUT))
                .isInstanceOf(IOException.class);
    }
}
