package dev.tailbench.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy (%) over the test images of each shot group; null for a group with no class.
 *
 * @param many          many-shot accuracy
 * @param medium        medium-shot accuracy
 * @param few           few-shot accuracy
 * @param manyClasses   classes in the many-shot group
 * @param mediumClasses classes in the medium-shot group
 * @param fewClasses    classes in the few-shot group
 * @param thresholds    how classes were split
 */
public record ShotAccuracy(Double many, Double medium, Double few, List<Integer> manyClasses,
        List<Integer> mediumClasses, List<Integer> fewClasses, ShotThresholds thresholds) {

    /** Groups classes by training count and pools the test images of each group. */
    public static ShotAccuracy of(ConfusionMatrix confusion, int[] trainCounts, ShotThresholds thresholds) {
        long[][] counts = confusion.counts();
        List<List<Integer>> members = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long[] correct = new long[3];
        long[] total = new long[3];
        for (int c = 0; c < trainCounts.length; c++) {
            int group = thresholds.group(trainCounts[c]).ordinal();
            members.get(group).add(c);
            correct[group] += counts[c][c];
            for (long count : counts[c]) {
                total[group] += count;
            }
        }
        return new ShotAccuracy(percent(correct[0], total[0]), percent(correct[1], total[1]),
                percent(correct[2], total[2]), members.get(0), members.get(1), members.get(2), thresholds);
    }

    private static Double percent(long correct, long total) {
        return total == 0 ? null : 100.0 * correct / total;
    }
}
