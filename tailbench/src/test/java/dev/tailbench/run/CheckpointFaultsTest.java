package dev.tailbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.tailbench.io.AllocatedBytes;
import dev.tailbench.model.Backbone;
import dev.tailbench.model.Backbones;

/**
 * A damaged or hostile checkpoint fails with the file and what is wrong: truncated, a flipped byte,
 * sizes that claim more than the file holds, parameters of another network. Nothing it claims is
 * allocated before it is checked against the bytes there are.
 */
class CheckpointFaultsTest {

    @TempDir
    Path directory;

    private static ResumePoints.ResumePoint point() {
        return new ResumePoints.ResumePoint(3, new ResumePoints.Records(List.of(), List.of(), 0, 1.5, 100, "then"),
                new byte[] {1, 2, 3}, List.of(new float[] {0.5f, 0.25f}), List.of(new float[] {1f}), null);
    }

    private Path written() {
        Path file = directory.resolve("seed-1-checkpoint.zip");
        ResumePoints.write(file, Map.of("format", ResumePoints.FORMAT), point());
        return file;
    }

    @Test
    void aWholeCheckpointReadsBack() {
        ResumePoints.ResumePoint read = ResumePoints.read(written()).point();
        assertThat(read.nextEpoch()).isEqualTo(3);
        assertThat(read.momentum()).singleElement().satisfies(a -> assertThat(a).containsExactly(0.5f, 0.25f));
        assertThat(read.lossState()).singleElement().satisfies(a -> assertThat(a).containsExactly(1f));
    }

    @Test
    void aTruncatedCheckpointCannotBeRead() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ResumePoints.read(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Checkpoint " + file + " cannot be read (")
                .hasMessageEndingWith("delete it, or set tailbench.resume=false to train from scratch.");
    }

    @Test
    void aCompressedEntryIsRefusedSoThatNoEntryInflatesPastTheFile() throws IOException {
        // What an older tailbench, or a zip bomb, holds: a deflated entry.
        Path file = directory.resolve("deflated.zip");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("parameters"));
            zip.write(new byte[10_000_000]);
            zip.closeEntry();
        }
        assertThat(Files.size(file)).isLessThan(100_000);
        assertThatThrownBy(() -> ResumePoints.read(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("entry parameters is compressed; tailbench stores its entries");
    }

    @Test
    void aFlippedByteFailsTheEntrysChecksum() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        // Inside the first entry's compressed data, after its 30-byte local header and name.
        bytes[30 + "checkpoint.json".length() + 5] ^= 0x40;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ResumePoints.read(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Checkpoint " + file + " cannot be read (entry checkpoint.json fails its CRC-32");
    }

    private static byte[] state(int... ints) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (int value : ints) {
                out.writeInt(value);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void hostileSizesAreCheckedAgainstTheBytesThatFollow() throws IOException {
        assertThatThrownBy(() -> ResumePoints.readArrays(state(Integer.MAX_VALUE)))
                .hasMessage("state: list 0 claims 2147483647 arrays, but only 0 bytes follow");
        assertThatThrownBy(() -> ResumePoints.readArrays(state(1, 1_000_000_000, 7)))
                .hasMessage("state: array 0 of list 0 claims 1000000000 floats, but only 4 bytes follow");
        byte[] hostile = state(1, 1_000_000_000, 7);
        assertThat(AllocatedBytes.by(() -> ResumePoints.readArrays(hostile))).as("bytes allocated reading 4 GB of claims")
                .isLessThan(100_000_000L);
        assertThatThrownBy(() -> ResumePoints.readArrays(state(1, -7))).hasMessage("state: array 0 of list 0 has length -7");
        assertThatThrownBy(() -> ResumePoints.readArrays(state(-1))).hasMessage("state: list 0's size is -1");
        assertThatThrownBy(() -> ResumePoints.readArrays(state(0))).hasMessage("state: list 1's size is missing (0 bytes left)");
        assertThatThrownBy(() -> ResumePoints.readArrays(state(0, 0, 9))).hasMessage("state: 4 bytes after its two lists");
        assertThat(ResumePoints.readArrays(state(1, -1, 0))).containsExactly(Arrays.asList((float[]) null), List.of());
    }

    @Test
    void aCheckpointOfAnotherBuildOrRuntimeIsRefused() throws IOException {
        dev.tailbench.spec.RunSpec spec = new dev.tailbench.spec.RunSpec("x.E", "ce", 1,
                new dev.tailbench.spec.DataSpec("fashion-mnist", "", "exponential", 100, 0, ""), "resnet8",
                new dev.tailbench.spec.Schedule(4, 128, 0.1, 0.9, 2e-4, 0, 1, List.of(), 0.01),
                dev.tailbench.api.Recipe.crossEntropy(), dev.tailbench.spec.Stages.single(4), "cpu",
                dev.tailbench.spec.Budget.none());
        ResumePoints points = new ResumePoints(directory);
        Map<String, Object> oneThread = Map.of("engine", "PyTorch 2.7.1", "device", "cpu()", "threads", 1);
        points.save(spec, oneThread, point());
        assertThat(points.load(spec, oneThread).nextEpoch()).isEqualTo(3);

        Map<String, Object> twoThreads = Map.of("engine", "PyTorch 2.7.1", "device", "cpu()", "threads", 2);
        assertThatThrownBy(() -> points.load(spec, twoThreads)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Checkpoint " + points.path(spec) + " was written by another build or runtime")
                .hasMessageContaining("runtime.threads: 1 -> 2")
                .hasMessageEndingWith("set tailbench.resume=false to train from scratch (the checkpoint is then replaced).");

        // Another build: the head's build rewritten, as an older tailbench would have written it.
        Path file = points.path(spec);
        ResumePoints.Stored stored = ResumePoints.read(file);
        Map<String, Object> head = new java.util.LinkedHashMap<>();
        stored.head().fields().forEachRemaining(field -> head.put(field.getKey(), field.getValue()));
        head.put("build", "0".repeat(64));
        head.remove("nextEpoch");
        head.remove("records");
        ResumePoints.write(file, head, stored.point());
        assertThatThrownBy(() -> points.load(spec, oneThread)).hasMessageContaining("build: \"" + "0".repeat(64) + "\" -> ");
    }

    @Test
    void parametersOfAnotherLengthAreRefusedBeforeDjlReadsThem() {
        try (Model model = Model.newInstance("faults", NativeEngine.ENGINE_NAME)) {
            Backbone network = Backbones.create("resnet8", 1, 10, false);
            model.setBlock(network);
            network.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 28, 28));
            byte[] bytes = NetworkBytes.of(network, "the test network");
            assertThatThrownBy(() -> NetworkBytes.load(network, model.getNDManager(),
                    Arrays.copyOf(bytes, bytes.length - 100), "Checkpoint x.zip", "E.ce seed 1"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Checkpoint x.zip does not fit E.ce seed 1: it holds " + (bytes.length - 100)
                            + " bytes of parameters, the network's take " + bytes.length);
            NetworkBytes.load(network, model.getNDManager(), bytes, "Checkpoint x.zip", "E.ce seed 1");
        }
    }
}
