package dev.tailbench.run;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import ai.djl.nn.Block;

import dev.tailbench.io.AtomicFiles;
import dev.tailbench.io.Sha256;
import dev.tailbench.spec.RunSpec;

/**
 * Writes the parameters one phase hands to the next, next to the run's result:
 * {@code <results>/<Experiment>/<combination>/seed-<n>-<phase>.params} (DJL's parameter format).
 */
final class Checkpoints {

    /** A written checkpoint. */
    record Saved(Path path, String relativePath, String sha256) {
    }

    private final Path root;

    Checkpoints(Path root) {
        this.root = root;
    }

    Saved save(RunSpec spec, String phase, Block network) {
        Path relative = Path.of(spec.experimentName(), spec.combination(), "seed-" + spec.seed() + "-" + phase + ".params");
        Path target = root.resolve(relative);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                network.saveParameters(out);
            }
            byte[] content = bytes.toByteArray();
            AtomicFiles.write(target, out -> out.write(content));
            String sha256 = Sha256.hex(content);
            return new Saved(target, relative.toString().replace('\\', '/'), sha256);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }
}
