package dev.tailbench.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers of one results directory: whatever they write, in whatever order, a reader sees one
 * writer's whole file, never a mix or half of one, and no temporary file is left behind.
 */
class AtomicFilesTest {

    @TempDir
    Path directory;

    /** A file's content, large enough that a plain write of it would be seen half done: 1 MiB of one letter. */
    static byte[] mebibyteOf(char letter) {
        byte[] content = new byte[1 << 20];
        Arrays.fill(content, (byte) letter);
        return content;
    }

    /** Writes the content in two halves, so that a reader between them would see a partial file. */
    static void writeInHalves(Path target, byte[] content) throws java.io.IOException {
        AtomicFiles.write(target, out -> {
            out.write(content, 0, content.length / 2);
            out.flush();
            out.write(content, content.length / 2, content.length / 2);
        });
    }

    @Test
    void concurrentWritersNeverLeaveAHalfOrMixedFile() throws Exception {
        Path target = directory.resolve("Experiment/combination/seed-1.json");
        byte[] first = mebibyteOf('a');
        byte[] second = mebibyteOf('b');
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (byte[] content : List.of(first, second)) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        writeInHalves(target, content);
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                while (writing.get()) {
                    byte[] seen;
                    try {
                        seen = Files.readAllBytes(target);
                    }
                    catch (NoSuchFileException e) {
                        continue;
                    }
                    assertThat(Arrays.equals(seen, first) || Arrays.equals(seen, second))
                            .as("a whole file of one writer (%d bytes read)", seen.length).isTrue();
                    reads++;
                }
                return reads;
            });
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            assertThat(reader.get()).isPositive();
        }
        finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("seed-1.json");
        }
    }

    @Test
    void aFailedWriteKeepsThePreviousFile() throws IOException {
        Path target = directory.resolve("result.json");
        AtomicFiles.write(target, out -> out.write("old".getBytes()));
        try {
            AtomicFiles.write(target, out -> {
                out.write("new, half".getBytes());
                throw new IOException("killed mid-way");
            });
        }
        catch (IOException expected) {
            // the write failed as it should
        }
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("result.json");
        }
    }

    @Test
    void aBodyThatClosesTheStreamStillWritesTheWholeFile() throws Exception {
        Path target = directory.resolve("result.json");
        // Jackson's writeValue closes the stream it is given.
        AtomicFiles.write(target, out -> {
            out.write("{\"a\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.close();
        });
        assertThat(target).hasContent("{\"a\": 1}");
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFileKeepsTheOldOneAndThrowsItsFirstError() throws Exception {
        Path target = directory.resolve("seed-1.json");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[1000]);
            throw new java.io.IOException("No space left on device");
        })).isInstanceOf(java.io.IOException.class).hasMessage("No space left on device");
        assertThat(target).hasContent("old");
        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("seed-1.json");
        }
    }

    /** The clean-up fails too (the temporary file became a directory): its error is added, never thrown instead. */
    @Test
    void aFailedCleanUpIsAddedToTheFirstErrorNotThrownInstead() throws Exception {
        Path target = directory.resolve("seed-1.json");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[1000]);
            Path temp;
            try (var files = Files.list(directory)) {
                temp = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).findFirst().orElseThrow();
            }
            Files.delete(temp);
            Files.createDirectories(temp.resolve("in-the-way"));
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class).hasMessage("No space left on device")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .isInstanceOf(java.nio.file.DirectoryNotEmptyException.class));
        assertThat(target).doesNotExist();
    }

    /**
     * Durability, which no file can show: the temporary file's complete content is forced to the
     * disk while the target still holds the old one, and the directory after the rename.
     */
    @Test
    void theContentIsSyncedBeforeTheRenameAndTheDirectoryAfterIt() throws Exception {
        Path target = directory.resolve("seed-1.json");
        Files.writeString(target, "old");
        List<String> calls = new ArrayList<>();
        AtomicFiles.Disk recording = new AtomicFiles.Disk() {
            @Override
            public void sync(java.io.FileOutputStream file) throws IOException {
                calls.add("sync");
                assertThat(target).as("at the sync").hasContent("old");
                try (var files = Files.list(directory)) {
                    assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")))
                            .as("the temporary file at the sync").singleElement().satisfies(f -> assertThat(f).hasContent("new"));
                }
                AtomicFiles.SYSTEM_DISK.sync(file);
            }

            @Override
            public void forceDirectory(Path dir) {
                calls.add("directory");
                assertThat(dir).isEqualTo(directory.toAbsolutePath());
                assertThat(target).as("at the directory's force").hasContent("new");
            }
        };
        AtomicFiles.write(target, out -> out.write("new".getBytes(java.nio.charset.StandardCharsets.UTF_8)), recording);
        assertThat(calls).containsExactly("sync", "directory");
    }

    @Test
    void aDirectoryThatIsAFileIsNamed() throws Exception {
        Path file = directory.resolve("results");
        Files.writeString(file, "not a directory");
        assertThatThrownBy(() -> AtomicFiles.write(file.resolve("E/c/seed-1.json"), out -> out.write(1)))
                .isInstanceOf(java.nio.file.FileSystemException.class).hasMessageContaining(file.toString());
    }

    @Test
    void twoJvmsWritingOneFileNeverLeaveAHalfOrMixedFile() throws Exception {
        Path target = directory.resolve("Experiment/combination/seed-1.json");
        byte[] mine = mebibyteOf('a');
        byte[] theirs = mebibyteOf('b');
        AtomicFiles.write(target, out -> out.write(mine));
        // The other JVM writes its file 50 times while this one writes and reads.
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), OtherWriter.class.getName(), target.toString(), "50")
                .redirectErrorStream(true).redirectOutput(directory.resolve("other.log").toFile()).start();
        int reads = 0;
        boolean sawTheirs = false;
        while (other.isAlive() || reads == 0) {
            writeInHalves(target, mine);
            byte[] seen = Files.readAllBytes(target);
            assertThat(Arrays.equals(seen, mine) || Arrays.equals(seen, theirs))
                    .as("a whole file of one writer (%d bytes read)", seen.length).isTrue();
            sawTheirs |= Arrays.equals(seen, theirs);
            reads++;
        }
        assertThat(other.waitFor()).as("the other JVM's exit status, see other.log").isZero();
        assertThat(Files.readString(directory.resolve("other.log"))).isEqualTo("wrote 50\n");
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("seed-1.json");
        }
        assertThat(reads).isPositive();
        // Not asserted (timing): whether this JVM ever read the other's file; printed for the curious.
        System.out.println("read " + reads + " times, the other JVM's file " + (sawTheirs ? "seen" : "not seen"));
    }

    /** The other JVM: writes its whole file {@code args[1]} times. */
    public static final class OtherWriter {
        public static void main(String[] args) throws Exception {
            byte[] content = mebibyteOf('b');
            int times = Integer.parseInt(args[1]);
            for (int i = 0; i < times; i++) {
                writeInHalves(Path.of(args[0]), content);
            }
            System.out.println("wrote " + times);
        }
    }
}
