package dev.tailbench.run;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tailbench.io.AtomicFiles;
import dev.tailbench.report.EpochRecord;
import dev.tailbench.report.ResultStore;
import dev.tailbench.report.StageRecord;
import dev.tailbench.spec.RunSpec;
import dev.tailbench.report.ResultsLayout;

/**
 * A run's resume point on disk, {@code <results>/<Experiment>/<combination>/seed-<n>-checkpoint.zip}:
 * everything a run started again with the same configuration needs to continue from the end of
 * an epoch and finish exactly as an uninterrupted run (on the CPU, where the kernels are
 * deterministic): the network's parameters (batch-norm statistics included), the optimizer's
 * momentum, the loss's accumulated state, the curve and stage records so far, and the epoch to go
 * on with. Random draws need no state: every epoch draws from a source seeded by the run's seed
 * and the epoch (see {@link EpochRandom}).
 *
 * <p>The zip holds {@code checkpoint.json} (format, fingerprint, the training settings the
 * fingerprint hashes, the next epoch, the records) and {@code parameters} (DJL's parameter format)
 * and {@code state} (the float arrays). It is written atomically; a run killed while writing it
 * keeps the previous one.
 */
final class ResumePoints {

    static final String FORMAT = "tailbench-checkpoint/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a checkpoint restores.
     *
     * @param nextEpoch  the epoch (0-based) the resumed run trains first
     * @param records    curve, stages and counters so far
     * @param parameters the network's parameters, DJL's format
     * @param momentum   momentum buffers of the trainable parameters, in the network's order ({@code null} for none)
     * @param lossState  the loss's state ({@link dev.tailbench.train.ResumableState}), empty for none
     * @param selected   the network of the epoch the validation split selected so far, {@code null}
     *                   for none (no split, or a checkpoint written before it was kept)
     */
    record ResumePoint(int nextEpoch, Records records, byte[] parameters, List<float[]> momentum,
            List<float[]> lossState, Selected selected) {
    }

    /**
     * The validation split's choice so far, kept so that a stage that starts from it (fine-tuning,
     * tau-norm) starts from the same network after a resume.
     *
     * @param epoch      the selected epoch (1-based, as in the curve)
     * @param parameters the network's parameters after it, DJL's format
     */
    record Selected(int epoch, byte[] parameters) {
    }

    /** The run's records up to the checkpoint. */
    record Records(List<EpochRecord> curve, List<StageRecord> stages, int phaseStart, double trainingSeconds,
            long trainedImages, String startedAt) {
    }

    private final ResultsLayout layout;

    ResumePoints(Path root) {
        this.layout = new ResultsLayout(root);
    }

    /** Where the run's checkpoint is. */
    Path path(RunSpec spec) {
        return layout.seedFile(spec.experiment(), spec.combination(), spec.seed(), "checkpoint.zip");
    }

    /**
     * Writes the checkpoint atomically, with what wrote it: the settings, tailbench's build and the
     * runtime ({@link SharedEpochs#runtime}: engine version, device, threads).
     */
    void save(RunSpec spec, Map<String, Object> runtime, ResumePoint point) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("format", FORMAT);
        head.put("run", spec.label());
        head.put("fingerprint", ResultStore.fingerprint(spec));
        head.put("settings", spec.trainingSettings());
        head.putAll(writer(runtime));
        write(path(spec), head, point);
    }

    /** The build and runtime a checkpoint records, and a resumed run must match. */
    private static Map<String, Object> writer(Map<String, Object> runtime) {
        Map<String, Object> writer = new LinkedHashMap<>();
        writer.put("build", VersionInfo.build());
        writer.put("runtime", runtime);
        return writer;
    }

    /**
     * Writes a resume point atomically to {@code target}: the head's entries (what identifies it),
     * then the next epoch and the records, in {@code checkpoint.json}; the arrays beside it.
     */
    static void write(Path target, Map<String, Object> identity, ResumePoint point) {
        Map<String, Object> head = new LinkedHashMap<>(identity);
        head.put("nextEpoch", point.nextEpoch());
        head.put("records", point.records());
        if (point.selected() != null) {
            head.put("selectedEpoch", point.selected().epoch());
        }
        try {
            byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(head);
            AtomicFiles.write(target, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                entry(zip, "checkpoint.json", json);
                entry(zip, "parameters", point.parameters());
                entry(zip, "state", arrays(point.momentum(), point.lossState()));
                if (point.selected() != null) {
                    entry(zip, "selected", point.selected().parameters());
                }
                zip.finish();
            });
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * One entry, stored, not deflated: the parameters barely compress, and a stored entry holds no
     * more bytes than the file does, so that reading one can never inflate past what is there.
     */
    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc(content));
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private static long crc(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return crc.getValue();
    }

    /**
     * The run's checkpoint, or {@code null} when there is none.
     *
     * @throws IllegalStateException when the checkpoint was written by another configuration, build
     *                               or runtime (the message lists what differs) or cannot be read
     */
    ResumePoint load(RunSpec spec, Map<String, Object> runtime) {
        Path source = path(spec);
        if (!Files.isRegularFile(source)) {
            return null;
        }
        Stored stored = read(source);
        JsonNode head = stored.head();
        JsonNode now = JSON.valueToTree(spec.trainingSettings());
        if (!ResultStore.fingerprint(spec).equals(head.path("fingerprint").asText())) {
            throw new IllegalStateException("Checkpoint " + source + " was written by a different configuration of "
                    + spec.label() + "; differing settings (checkpoint -> now): "
                    + String.join("; ", differences(head.path("settings"), now))
                    + ". Refusing to resume from it: delete the file, or set " + RunSettings.RESUME_KEY
                    + "=false to train from scratch (the checkpoint is then replaced).");
        }
        // A run continued by another build or on another runtime would mix two trainings under one
        // result's versions.
        ObjectNode wrote = JSON.createObjectNode();
        wrote.set("build", head.get("build"));
        wrote.set("runtime", head.get("runtime"));
        JsonNode resumes = JSON.valueToTree(writer(runtime));
        if (!wrote.equals(resumes)) {
            throw new IllegalStateException("Checkpoint " + source + " was written by another build or runtime of "
                    + spec.label() + " (checkpoint -> now): " + String.join("; ", differences(wrote, resumes))
                    + ". Refusing to resume from it: delete the file, or set " + RunSettings.RESUME_KEY
                    + "=false to train from scratch (the checkpoint is then replaced).");
        }
        return stored.point();
    }

    /**
     * A resume point file as written by {@link #write}: its head (to check what wrote it) and
     * what it restores.
     */
    record Stored(JsonNode head, ResumePoint point) {
    }

    /**
     * Reads a resume point file.
     *
     * @throws IllegalStateException when it cannot be read or is not a tailbench checkpoint
     */
    static Stored read(Path source) {
        JsonNode head = null;
        byte[] parameters = null;
        byte[] state = null;
        byte[] selected = null;
        try (ZipFile zip = new ZipFile(source.toFile())) {
            long fileSize = Files.size(source);
            for (ZipEntry entry : Collections.list(zip.entries())) {
                switch (entry.getName()) {
                    case "checkpoint.json" -> head = JSON.readTree(storedContent(zip, entry, fileSize));
                    case "parameters" -> parameters = storedContent(zip, entry, fileSize);
                    case "state" -> state = storedContent(zip, entry, fileSize);
                    case "selected" -> selected = storedContent(zip, entry, fileSize);
                    default -> { }
                }
            }
        }
        catch (IOException e) {
            throw unreadable(source, e.getMessage());
        }
        if (head == null || parameters == null || state == null) {
            throw unreadable(source, "it lacks " + (head == null ? "checkpoint.json" : parameters == null
                    ? "parameters" : "state"));
        }
        if (!FORMAT.equals(head.path("format").asText())) {
            throw unreadable(source, "its format is '" + head.path("format").asText() + "', expected " + FORMAT);
        }
        if (selected != null && !head.path("selectedEpoch").canConvertToInt()) {
            throw unreadable(source, "it holds a selected epoch's parameters but not which epoch");
        }
        try {
            Records records = JSON.treeToValue(head.path("records"), Records.class);
            List<List<float[]>> arrays = readArrays(state);
            return new Stored(head, new ResumePoint(head.path("nextEpoch").asInt(), records, parameters, arrays.get(0),
                    arrays.get(1), selected == null ? null : new Selected(head.path("selectedEpoch").asInt(), selected)));
        }
        catch (IOException | RuntimeException e) {
            throw unreadable(source, e.getMessage());
        }
    }

    /**
     * A stored entry's bytes, after checking that it claims no more than the file holds and that
     * they match its CRC-32 (a flipped byte fails here, not in what reads them).
     */
    private static byte[] storedContent(ZipFile zip, ZipEntry entry, long fileSize) throws IOException {
        if (entry.getMethod() != ZipEntry.STORED) {
            throw new IOException("entry " + entry.getName() + " is compressed; tailbench stores its entries, so this"
                    + " file was written by another tool or an older tailbench");
        }
        if (entry.getSize() < 0 || entry.getSize() > fileSize) {
            throw new IOException("entry " + entry.getName() + " claims " + entry.getSize() + " bytes in a file of "
                    + fileSize);
        }
        byte[] content;
        try (InputStream in = zip.getInputStream(entry)) {
            content = in.readNBytes((int) entry.getSize());
        }
        if (content.length != entry.getSize() || crc(content) != entry.getCrc()) {
            throw new IOException("entry " + entry.getName() + " fails its CRC-32: the file is damaged");
        }
        return content;
    }

    /** Removes the checkpoint once the run's result is written. */
    void delete(RunSpec spec) {
        try {
            Files.deleteIfExists(path(spec));
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not delete checkpoint " + path(spec) + ": " + e.getMessage(), e);
        }
    }

    /** The leaves of two JSON trees that differ, as {@code path: old -> new}. */
    static List<String> differences(JsonNode before, JsonNode after) {
        Map<String, String> left = new LinkedHashMap<>();
        Map<String, String> right = new LinkedHashMap<>();
        flatten("", before, left);
        flatten("", after, right);
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> entry : left.entrySet()) {
            String other = right.get(entry.getKey());
            if (!Objects.equals(entry.getValue(), other)) {
                differences.add(entry.getKey() + ": " + entry.getValue() + " -> " + (other == null ? "(absent)" : other));
            }
        }
        right.forEach((key, value) -> {
            if (!left.containsKey(key)) {
                differences.add(key + ": (absent) -> " + value);
            }
        });
        return differences.isEmpty() ? List.of("(none found: the checkpoint's fingerprint is from another version)")
                : differences;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> leaves) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), leaves);
            }
        }
        else if (node.isArray() && node.size() > 0 && node.get(0).isContainerNode()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), leaves);
            }
        }
        else {
            leaves.put(prefix, node.toString());
        }
    }

    private static IllegalStateException unreadable(Path source, String why) {
        return new IllegalStateException("Checkpoint " + source + " cannot be read (" + why + "); delete it, or set "
                + RunSettings.RESUME_KEY + "=false to train from scratch.");
    }

    /** Two lists of float arrays (a {@code null} entry stays {@code null}). */
    private static byte[] arrays(List<float[]> first, List<float[]> second) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (List<float[]> list : List.of(first, second)) {
                out.writeInt(list.size());
                for (float[] array : list) {
                    out.writeInt(array == null ? -1 : array.length);
                    if (array != null) {
                        for (float value : array) {
                            out.writeFloat(value);
                        }
                    }
                }
            }
        }
        return bytes.toByteArray();
    }

    /**
     * The two lists {@link #arrays} wrote. Every count is checked against the bytes that remain
     * before anything is allocated, so a damaged or hostile file fails with what it claims instead
     * of asking for gigabytes.
     */
    static List<List<float[]>> readArrays(byte[] content) throws IOException {
        java.nio.ByteBuffer data = java.nio.ByteBuffer.wrap(content);
        List<List<float[]>> lists = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            int size = count(data, "list " + l + "'s size");
            // Each entry holds at least its 4-byte length.
            if ((long) size * Integer.BYTES > data.remaining()) {
                throw new IOException("state: list " + l + " claims " + size + " arrays, but only "
                        + data.remaining() + " bytes follow");
            }
            List<float[]> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int length = data.getInt();
                if (length < -1) {
                    throw new IOException("state: array " + i + " of list " + l + " has length " + length);
                }
                if ((long) Math.max(0, length) * Float.BYTES > data.remaining()) {
                    throw new IOException("state: array " + i + " of list " + l + " claims " + length
                            + " floats, but only " + data.remaining() + " bytes follow");
                }
                float[] array = length < 0 ? null : new float[length];
                if (array != null) {
                    data.asFloatBuffer().get(array);
                    data.position(data.position() + length * Float.BYTES);
                }
                list.add(array);
            }
            lists.add(list);
        }
        if (data.hasRemaining()) {
            throw new IOException("state: " + data.remaining() + " bytes after its two lists");
        }
        return lists;
    }

    private static int count(java.nio.ByteBuffer data, String what) throws IOException {
        if (data.remaining() < Integer.BYTES) {
            throw new IOException("state: " + what + " is missing (" + data.remaining() + " bytes left)");
        }
        int count = data.getInt();
        if (count < 0) {
            throw new IOException("state: " + what + " is " + count);
        }
        return count;
    }
}
