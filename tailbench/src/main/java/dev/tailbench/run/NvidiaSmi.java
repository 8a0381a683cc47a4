package dev.tailbench.run;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Asks {@code nvidia-smi} for one GPU's model, driver version and memory. nvidia-smi is the one
 * source of the driver version that ships with every NVIDIA driver; DJL's CUDA utilities know the
 * runtime and compute capability but neither the model name nor the driver.
 */
final class NvidiaSmi {

    /** nvidia-smi answers in well under a second; a hung driver must not hold a run for long. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern DRIVER_VERSION = Pattern.compile("\\d+(\\.\\d+)+");

    /**
     * One GPU as nvidia-smi describes it.
     *
     * @param model     the product name, e.g. {@code NVIDIA H200}
     * @param driver    the driver version, e.g. {@code 580.159.03}
     * @param memoryMib total memory in MiB, null where nvidia-smi says it does not know
     */
    record Answer(String model, String driver, Long memoryMib) {
    }

    private final CommandRunner runner;

    NvidiaSmi(CommandRunner runner) {
        this.runner = runner;
    }

    /**
     * Queries one GPU.
     *
     * @param id nvidia-smi's id of the GPU: its index in nvidia-smi's numbering, or its UUID (see
     *           {@link #idOf})
     * @return what nvidia-smi said
     * @throws IllegalStateException with the reason when nvidia-smi could not be run or gave no usable answer
     */
    Answer query(String id) {
        CommandRunner.Output output;
        try {
            output = runner.run(command(id), TIMEOUT);
        }
        catch (IOException e) {
            throw new IllegalStateException("could not be run (" + e.getMessage() + ")", e);
        }
        catch (TimeoutException e) {
            throw new IllegalStateException("did not answer within " + TIMEOUT.toSeconds() + " s", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (output.exitCode() != 0) {
            throw new IllegalStateException("exited with status " + output.exitCode() + ": " + firstLine(output.output()));
        }
        return parse(output.output());
    }

    /** The command line: one GPU, CSV without header or units, so that the answer is one parsable line. */
    static List<String> command(String id) {
        return List.of("nvidia-smi", "--query-gpu=name,driver_version,memory.total", "--format=csv,noheader,nounits",
                "-i", id);
    }

    /**
     * Reads the answer to {@link #command}: one line {@code name, driver, memory}, e.g.
     * {@code NVIDIA H200, 580.159.03, 143771}. The name is everything before the last two fields, so
     * a name with a comma in it survives (nvidia-smi does not quote CSV fields).
     *
     * @throws IllegalStateException naming what was unexpected
     */
    static Answer parse(String output) {
        List<String> lines = output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.size() != 1) {
            throw new IllegalStateException("expected one line 'name, driver, memory', got "
                    + (lines.isEmpty() ? "nothing" : lines.size() + " lines starting '" + lines.get(0) + "'"));
        }
        String line = lines.get(0);
        String[] fields = line.split(",");
        if (fields.length < 3) {
            throw new IllegalStateException("expected 'name, driver, memory', got '" + line + "'");
        }
        String model = String.join(",", Arrays.copyOf(fields, fields.length - 2)).strip();
        String driver = fields[fields.length - 2].strip();
        String memory = fields[fields.length - 1].strip();
        if (model.isEmpty() || !DRIVER_VERSION.matcher(driver).matches()) {
            throw new IllegalStateException("expected 'name, driver, memory', got '" + line + "'");
        }
        return new Answer(model, driver, parseMemory(memory));
    }

    /**
     * The id nvidia-smi knows CUDA's device {@code cudaIndex} by. nvidia-smi ignores
     * {@code CUDA_VISIBLE_DEVICES}, so where that is set CUDA's device n is its n-th entry (an
     * index or a UUID, both of which {@code -i} accepts). Where it is not set the indices agree
     * unless {@code CUDA_DEVICE_ORDER} is left at FASTEST_FIRST on a machine with different GPU
     * models, which the one-GPU machines this is run on do not have.
     *
     * @param cudaIndex          the CUDA device index the engine trains on
     * @param cudaVisibleDevices the environment variable's value, or null
     */
    static String idOf(int cudaIndex, String cudaVisibleDevices) {
        if (cudaVisibleDevices == null || cudaVisibleDevices.isBlank()) {
            return Integer.toString(cudaIndex);
        }
        String[] visible = cudaVisibleDevices.split(",");
        return cudaIndex < visible.length ? visible[cudaIndex].strip() : Integer.toString(cudaIndex);
    }

    private static Long parseMemory(String memory) {
        // "[N/A]" or "[Not Supported]" on some boards and in some containers.
        try {
            return Long.parseLong(memory);
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("(no output)");
    }
}
