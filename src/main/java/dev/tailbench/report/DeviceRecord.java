package dev.tailbench.report;

/**
 * Where a run trained.
 *
 * @param requested   {@code auto}, {@code cpu} or {@code gpu}
 * @param used        the device used, e.g. {@code cpu()} or {@code gpu(0)}
 * @param threads     intra-op threads of the native engine
 * @param description processor or GPU model when known
 */
public record DeviceRecord(String requested, String used, int threads, String description) {
}
