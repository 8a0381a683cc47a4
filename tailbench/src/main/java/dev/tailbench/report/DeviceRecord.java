package dev.tailbench.report;

/**
 * Where a run trained.
 *
 * @param requested   {@code auto}, {@code cpu} or {@code gpu}
 * @param used        the device used, e.g. {@code cpu()} or {@code gpu(0)}
 * @param threads     intra-op threads of the native engine
 * @param description processor or GPU model when known
 * @param gpu         the GPU's model, driver and CUDA facts when the device is a GPU; null on the CPU
 *                    and in results written before it was recorded
 */
public record DeviceRecord(String requested, String used, int threads, String description, GpuRecord gpu) {
}
