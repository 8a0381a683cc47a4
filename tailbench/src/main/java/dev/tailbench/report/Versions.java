package dev.tailbench.report;

/**
 * Software a result was produced with.
 *
 * @param tailbench tailbench version
 * @param build     SHA-256 of tailbench's compiled classes: a stored result is reused only by the
 *                  same build, so that a changed trainer never passes on an old result
 * @param djl       DJL version
 * @param engine    native engine name and version, e.g. {@code PyTorch 2.7.1}
 * @param java      Java runtime version and vendor
 * @param os        operating system and architecture
 */
public record Versions(String tailbench, String build, String djl, String engine, String java, String os) {
}
