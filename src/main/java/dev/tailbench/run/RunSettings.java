package dev.tailbench.run;

import java.nio.file.Path;

/**
 * Settings shared by every run of one engine execution.
 *
 * @param resultsDir     where result files go
 * @param threads        intra-op threads of the native engine
 * @param progress       whether a progress line is printed after every epoch
 * @param shotThresholds {@code scaled} or {@code absolute}
 * @param alpha          level of the paired test over seeds; 1 - alpha is the intervals' confidence
 */
public record RunSettings(Path resultsDir, int threads, boolean progress, String shotThresholds, double alpha) {
}
