package dev.tailbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tailbench.report.DatasetRecord;
import dev.tailbench.report.DeviceRecord;
import dev.tailbench.report.GpuRecord;
import dev.tailbench.report.RunResult;
import dev.tailbench.report.Versions;

/** Each thing besides the settings that decides a run's numbers keeps a stored result from standing in. */
class RunEnvironmentTest {

    private static final String DATA = "a".repeat(64);
    private static final Versions VERSIONS = new Versions("0.1.0", "b".repeat(64), "0.36.0", "PyTorch 2.7.1",
            "Eclipse Adoptium 17", "Linux");
    private static final DeviceRecord CPU = new DeviceRecord("auto", "cpu()", 1, "AMD EPYC", null);
    private static final DeviceRecord H100 = new DeviceRecord("gpu", "gpu(0)", 16, "GPU 0: NVIDIA H100",
            new GpuRecord("NVIDIA H100 80GB HBM3", "580.1", 81559L, "12.8", "9.0", null));

    private static RunResult stored(Versions versions, DeviceRecord device, String data) {
        DatasetRecord dataset = new DatasetRecord("fashion-mnist", "embedded", "exponential", 100, 0, "tailbench",
                List.of(), new int[0], 0, 0, new int[0], null, data);
        return new RunResult(RunResult.SCHEMA, "E", "x.E", "ce", 1, "f", null, dataset, "resnet8", 0, null, true, null,
                device, versions, 1, 1, List.of(), null, null, null, null, 0, 0, null, null, null, null);
    }

    private static RunEnvironment here(DeviceRecord device) {
        return new RunEnvironment(VERSIONS, device, DATA, null);
    }

    @Test
    void theSameEverythingStandsIn() {
        assertThat(here(CPU).differences(stored(VERSIONS, CPU, DATA))).isEmpty();
        // On a GPU the host's thread count does not change the numbers.
        DeviceRecord otherThreads = new DeviceRecord("gpu", "gpu(0)", 2, "GPU 0", H100.gpu());
        assertThat(here(H100).differences(stored(VERSIONS, otherThreads, DATA))).isEmpty();
    }

    @Test
    void eachDifferenceIsNamed() {
        Versions otherBuild = new Versions("0.1.0", "c".repeat(64), "0.35.0", "PyTorch 2.5.1", "x", "y");
        assertThat(here(CPU).differences(stored(otherBuild, CPU, DATA))).containsExactly(
                "tailbench build: " + "c".repeat(64) + " there, " + "b".repeat(64) + " here",
                "DJL: 0.35.0 there, 0.36.0 here", "engine: PyTorch 2.5.1 there, PyTorch 2.7.1 here");
        assertThat(here(CPU).differences(stored(VERSIONS, H100, DATA))).containsExactly("device: gpu there, cpu here");
        assertThat(here(H100).differences(stored(VERSIONS, CPU, DATA))).containsExactly("device: cpu there, gpu here");
        DeviceRecord h200 = new DeviceRecord("gpu", "gpu(0)", 16, "GPU 0", new GpuRecord("NVIDIA H200", "580.1",
                143771L, "12.8", "9.0", null));
        assertThat(here(H100).differences(stored(VERSIONS, h200, DATA)))
                .containsExactly("GPU: NVIDIA H200 there, NVIDIA H100 80GB HBM3 here");
        DeviceRecord twoThreads = new DeviceRecord("auto", "cpu()", 2, "AMD EPYC", null);
        assertThat(here(CPU).differences(stored(VERSIONS, twoThreads, DATA))).containsExactly("threads: 2 there, 1 here");
        assertThat(here(CPU).differences(stored(VERSIONS, CPU, "d".repeat(64))))
                .containsExactly("data files: content dddddddddddd... there, aaaaaaaaaaaa... here");
    }

    @Test
    void whatCannotBeToldNeverStandsIn() {
        assertThat(here(CPU).differences(stored(VERSIONS, CPU, null))).containsExactly("it records no hash of its data files");
        assertThat(here(CPU).differences(stored(null, null, DATA))).containsExactly("it records no versions",
                "it records no device");
        Versions unknown = new Versions("0.1.0", VersionInfo.UNKNOWN, "0.36.0", "PyTorch 2.7.1", "x", "y");
        assertThat(new RunEnvironment(unknown, CPU, DATA, null).differences(stored(unknown, CPU, DATA)))
                .containsExactly("tailbench's build is unknown here, so no stored result can be matched to it");
        assertThat(new RunEnvironment(VERSIONS, CPU, null, "fashion-mnist: missing t10k-images-idx3-ubyte[.gz]")
                .differences(stored(VERSIONS, CPU, DATA)))
                .containsExactly("the data files cannot be read here (fashion-mnist: missing t10k-images-idx3-ubyte[.gz])");
    }
}
