package dev.tailbench.io;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers see either the old file or the complete new one, never half a
 * file: an interrupted build of a data set must not leave a truncated file that later fails
 * with a confusing format error, and a killed run must not leave half a result. The content is
 * forced to the disk before the rename and the rename before the write returns, so that a power
 * cut does not leave a name pointing at nothing; a write that fails leaves no temporary file and
 * throws its first error.
 */
public final class AtomicFiles {

    /** The body of a write; may throw. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * What makes a write durable: the temporary file's content forced to the disk before the
     * rename, the directory's entries after it. A seam so that a test can see the order, which no
     * file can show.
     */
    interface Disk {

        /** Forces the content written to {@code file} to the disk. */
        void sync(FileOutputStream file) throws IOException;

        /** Forces {@code dir}'s entries (the rename) to the disk, as far as the platform allows. */
        void forceDirectory(Path dir);
    }

    /** The real disk. */
    static final Disk SYSTEM_DISK = new Disk() {
        @Override
        public void sync(FileOutputStream file) throws IOException {
            file.getFD().sync();
        }

        /**
         * Not every platform can open a directory as a channel (Windows cannot); there the rename
         * is as durable as the file system makes it.
         */
        @Override
        public void forceDirectory(Path dir) {
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            }
            catch (IOException | UnsupportedOperationException e) {
                // Best effort, see above (an interrupted thread cannot open a channel either).
            }
        }
    };

    private AtomicFiles() {}

    // createTempFile makes the file private (rw-------); a data file should be like any other.
    private static void makeReadable(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Writes {@code target} through a temporary sibling moved into place atomically. */
    public static void write(Path target, Body body) throws IOException {
        write(target, body, SYSTEM_DISK);
    }

    static void write(Path target, Body body, Disk disk) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // Same directory as the target, so the final move is a rename on one file system.
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            makeReadable(temp);
            // A FileOutputStream, whose sync is a channel's force but which an interrupt of the
            // writing thread does not close.
            try (FileOutputStream file = new FileOutputStream(temp.toFile());
                    OutputStream out = new BufferedOutputStream(file, 1 << 16)) {
                // The body may close what it is given (Jackson does): the file stays open for the sync.
                body.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush();
                    }
                });
                out.flush();
                disk.sync(file);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException | RuntimeException | Error e) {
            // The first error is the one to report; a failed clean-up only adds to it.
            try {
                Files.deleteIfExists(temp);
            }
            catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        disk.forceDirectory(dir);
    }
}
