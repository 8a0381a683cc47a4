package dev.tailbench.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

/**
 * A network's parameters as bytes in DJL's format, the one form checkpoints, hand-offs, shared
 * epochs and the validation choice keep them in.
 */
final class NetworkBytes {

    private NetworkBytes() {
    }

    /**
     * The network's parameters (batch-norm statistics included).
     *
     * @param what what is being kept, for the message if serialising fails
     */
    static byte[] of(Block network, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            network.saveParameters(out);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not serialise " + what + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * Loads parameters into the network, replacing its parameters' arrays (a parameter that trains
     * must be marked for gradients again by the caller).
     *
     * @param source what the bytes are, for the message when they do not fit, e.g. "Hand-off x.params"
     * @param run    the run they are loaded for
     */
    static void load(Block network, NDManager manager, byte[] content, String source, String run) {
        // DJL's format is fixed by the architecture: bytes of another length are another network or
        // a damaged file, and DJL would allocate whatever shapes they claim.
        int expected = of(network, "the parameters of " + run).length;
        if (content.length != expected) {
            throw new IllegalStateException(source + " does not fit " + run + ": it holds " + content.length
                    + " bytes of parameters, the network's take " + expected);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
            network.loadParameters(manager, in);
        }
        catch (IOException | MalformedModelException e) {
            throw new IllegalStateException(source + " does not fit " + run + ": " + e.getMessage(), e);
        }
    }
}
