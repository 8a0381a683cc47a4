package dev.tailbench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.nn.Block;

import dev.tailbench.io.AtomicFiles;
import dev.tailbench.io.Sha256;
import dev.tailbench.spec.RunSpec;
import dev.tailbench.report.ResultsLayout;

/**
 * Writes the files a run keeps next to its result, atomically, each named
 * {@code <results>/<Experiment>/<combination>/seed-<n>-<what>}: the parameters one phase hands to
 * the next ({@code -<phase>.params}, DJL's parameter format) and the CAM examples grid
 * ({@code -cam-examples.png}).
 */
final class RunFiles {

    /** A written file, with its path relative to the results root. */
    record Saved(Path path, String relativePath, String sha256) {
    }

    private final Path root;
    private final ResultsLayout layout;

    RunFiles(Path root) {
        this.root = root;
        this.layout = new ResultsLayout(root);
    }

    /** Saves a network's parameters as the checkpoint {@code phase} hands on. */
    Saved saveCheckpoint(RunSpec spec, String phase, Block network) {
        return save(spec, phase + ".params", NetworkBytes.of(network, "the " + phase + " checkpoint"), "checkpoint");
    }

    /**
     * Reads a file written here back, by the path relative to the results root that a result
     * records, and checks it against the SHA-256 recorded with it.
     */
    byte[] read(String relativePath, String sha256) {
        Path source = root.resolve(relativePath);
        byte[] content;
        try {
            content = Files.readAllBytes(source);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not read " + source + ": " + e.getMessage(), e);
        }
        if (sha256 != null && !sha256.equals(Sha256.hex(content))) {
            throw new IllegalStateException(source + " has changed since it was written: SHA-256 " + Sha256.hex(content)
                    + ", recorded " + sha256);
        }
        return content;
    }

    /** Saves {@code content} as the run's file {@code seed-<n>-<suffix>}. */
    Saved save(RunSpec spec, String suffix, byte[] content, String what) {
        Path target = layout.seedFile(spec.experiment(), spec.combination(), spec.seed(), suffix);
        Path relative = root.relativize(target);
        try {
            AtomicFiles.write(target, out -> out.write(content));
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not write " + what + " " + target + ": " + e.getMessage(), e);
        }
        return new Saved(target, relative.toString().replace('\\', '/'), Sha256.hex(content));
    }
}
