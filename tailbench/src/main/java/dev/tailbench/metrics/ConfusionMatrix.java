package dev.tailbench.metrics;

/** Counts of (true class, predicted class) pairs. */
public final class ConfusionMatrix {

    private final long[][] counts;

    public ConfusionMatrix(int classes) {
        counts = new long[classes][classes];
    }

    /** Adds a batch of true labels and predictions. */
    public void add(int[] labels, int[] predictions) {
        if (labels.length != predictions.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + predictions.length + " predictions");
        }
        for (int i = 0; i < labels.length; i++) {
            counts[labels[i]][predictions[i]]++;
        }
    }

    public int classes() {
        return counts.length;
    }

    /** The counts, rows = true class, columns = predicted class (a copy). */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long count : row) {
                total += count;
            }
        }
        return total;
    }

    public long correct() {
        long correct = 0;
        for (int i = 0; i < counts.length; i++) {
            correct += counts[i][i];
        }
        return correct;
    }

    /** Top-1 error in percent. */
    public double top1Error() {
        long total = total();
        return total == 0 ? Double.NaN : 100.0 * (total - correct()) / total;
    }

    /** Accuracy of each true class in percent (NaN for a class with no test image). */
    public double[] perClassAccuracy() {
        double[] accuracy = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            long rowTotal = 0;
            for (long count : counts[i]) {
                rowTotal += count;
            }
            accuracy[i] = rowTotal == 0 ? Double.NaN : 100.0 * counts[i][i] / rowTotal;
        }
        return accuracy;
    }
}
