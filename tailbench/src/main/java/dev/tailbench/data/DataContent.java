package dev.tailbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tailbench.io.Sha256;
import dev.tailbench.spec.DataSpec;

/**
 * One SHA-256 over the files a data spec is read from (each file's name, size and content, in the
 * loader's order), so that a stored result is used only for the very images it was trained on.
 * Computed once per JVM for files of the same path, size and modification time (Fashion-MNIST's
 * 30 MB in about a tenth of a second).
 */
public final class DataContent {

    private static final Map<String, String> KNOWN = new ConcurrentHashMap<>();

    private DataContent() {}

    /**
     * The content hash of the spec's data files.
     *
     * @throws DatasetNotFoundException when a file is missing (the message the loader gives)
     */
    public static String sha256(DataSpec spec) throws IOException {
        if (spec.dataDir() == null) {
            // The embedded set is part of tailbench's jar: the same build, the same bytes; hashed
            // anyway, so that the record means the same for every source.
            String folder = DatasetLoader.EMBEDDED_RESOURCES + spec.dataset() + "/";
            return KNOWN.computeIfAbsent("embedded:" + folder, key -> embedded(folder));
        }
        List<Path> files = files(spec);
        StringBuilder key = new StringBuilder();
        for (Path file : files) {
            key.append(file.toAbsolutePath().normalize()).append('|').append(Files.size(file)).append('|')
                    .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
        }
        String known = KNOWN.get(key.toString());
        if (known != null) {
            return known;
        }
        MessageDigest all = Sha256.digest();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                add(all, file.getFileName().toString(), in);
            }
        }
        String sha = Sha256.hex(all);
        KNOWN.put(key.toString(), sha);
        return sha;
    }

    /** The files the loader reads for the spec, in its order; a missing one fails as loading would. */
    static List<Path> files(DataSpec spec) throws IOException {
        Path dataDir = Path.of(spec.dataDir());
        if (SubsetVariant.of(spec.variant()) == SubsetVariant.CUI) {
            return CuiTfRecords.files(spec.dataset(), dataDir, spec.imbalance());
        }
        return switch (spec.dataset()) {
            case Datasets.CIFAR_10 -> DatasetLoader.cifarFiles(spec.dataset(), CifarFormat.CIFAR_10, dataDir);
            case Datasets.CIFAR_100 -> DatasetLoader.cifarFiles(spec.dataset(), CifarFormat.CIFAR_100, dataDir);
            default -> DatasetLoader.idxFiles(spec.dataset(), dataDir.resolve(spec.dataset()));
        };
    }

    private static String embedded(String folder) {
        MessageDigest all = Sha256.digest();
        for (String file : DatasetLoader.IDX_FILES) {
            String name = file + ".gz";
            try (InputStream in = DatasetLoader.class.getResourceAsStream(folder + name)) {
                if (in == null) {
                    throw new DatasetNotFoundException("embedded:" + folder, List.of(name),
                            "embedded data set is incomplete: missing " + name + " in class path folder " + folder);
                }
                add(all, name, in);
            }
            catch (IOException e) {
                throw new java.io.UncheckedIOException("could not read embedded " + folder + name + ": " + e.getMessage(), e);
            }
        }
        return Sha256.hex(all);
    }

    /** Adds one file to the digest of all: its name, size and own SHA-256. */
    private static void add(MessageDigest all, String name, InputStream in) throws IOException {
        MessageDigest one = Sha256.digest();
        byte[] buffer = new byte[1 << 16];
        long size = 0;
        for (int read; (read = in.read(buffer)) > 0; ) {
            one.update(buffer, 0, read);
            size += read;
        }
        all.update((name + '\0' + size + '\0' + Sha256.hex(one) + '\n').getBytes(StandardCharsets.UTF_8));
    }
}
