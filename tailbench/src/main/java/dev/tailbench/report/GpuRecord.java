package dev.tailbench.report;

/**
 * The GPU a run trained on, as far as it could be found out. Model and driver come from
 * {@code nvidia-smi} (the driver also from {@code /proc/driver/nvidia/version} when nvidia-smi
 * cannot be run); what could not be found is {@link #UNKNOWN} and {@code note} says why, so that a
 * speed figure is never attributed to a GPU by guess. Finding out never fails a run.
 *
 * @param model             e.g. {@code NVIDIA H200}, or {@code unknown}
 * @param driver            NVIDIA driver version, e.g. {@code 580.159.03}, or {@code unknown}
 * @param memoryMib         total memory of the GPU in MiB, null when unknown
 * @param cudaRuntime       CUDA runtime version DJL found, e.g. {@code 12.8}, null when unknown
 * @param computeCapability e.g. {@code 9.0}, null when unknown
 * @param note              why something is unknown (each source's failure), null when nothing is
 */
public record GpuRecord(String model, String driver, Long memoryMib, String cudaRuntime, String computeCapability,
        String note) {

    /** What a field holds when no source could tell. */
    public static final String UNKNOWN = "unknown";

    /** One line for people: the model and driver, or what is missing. */
    public String summary() {
        return model + ", driver " + driver;
    }
}
