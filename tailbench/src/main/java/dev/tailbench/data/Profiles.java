package dev.tailbench.data;

import java.util.Arrays;

/** The implementations behind the {@link LongTailProfile} factories. */
final class Profiles {

    private Profiles() {}

    static double checkImbalance(double imbalance) {
        if (!Double.isFinite(imbalance) || imbalance < 1) {
            throw new IllegalArgumentException(
                    "imbalance must be finite and >= 1, got " + imbalance);
        }
        return imbalance;
    }

    static void checkArguments(int headCount, int classCount) {
        if (headCount < 0) {
            throw new IllegalArgumentException("headCount must be >= 0, got " + headCount);
        }
        if (classCount <= 0) {
            throw new IllegalArgumentException("classCount must be > 0, got " + classCount);
        }
    }

    record Exponential(double imbalance) implements LongTailProfile {
        @Override
        public int[] counts(int headCount, int classCount) {
            checkArguments(headCount, classCount);
            int[] counts = new int[classCount];
            counts[0] = headCount; // avoids 0/0 for a single class
            double ratio = 1.0 / imbalance;
            for (int i = 1; i < classCount; i++) {
                // Same operations, in the same order, as the reference Python.
                counts[i] = (int) (headCount * Math.pow(ratio, i / (classCount - 1.0)));
            }
            return counts;
        }

        @Override
        public String name() {
            return "exponential";
        }

        @Override
        public String toString() {
            return "exponential(IF=" + imbalance + ")";
        }
    }

    record Step(double imbalance, double minorityFraction) implements LongTailProfile {
        @Override
        public int[] counts(int headCount, int classCount) {
            checkArguments(headCount, classCount);
            // The epsilon keeps e.g. (1 - 0.8) * 10 = 1.9999999999999996 from flooring to 1.
            int majority = (int) Math.floor((1 - minorityFraction) * classCount + 1e-9);
            int minorityCount = (int) Math.floor(headCount / imbalance);
            int[] counts = new int[classCount];
            for (int i = 0; i < classCount; i++) {
                counts[i] = i < majority ? headCount : minorityCount;
            }
            return counts;
        }

        @Override
        public String name() {
            return "step";
        }

        @Override
        public String toString() {
            return "step(IF=" + imbalance + ", minorityFraction=" + minorityFraction + ")";
        }
    }

    record Balanced() implements LongTailProfile {
        static final Balanced INSTANCE = new Balanced();

        @Override
        public int[] counts(int headCount, int classCount) {
            checkArguments(headCount, classCount);
            int[] counts = new int[classCount];
            Arrays.fill(counts, headCount);
            return counts;
        }

        @Override
        public String name() {
            return "none";
        }

        @Override
        public double imbalance() {
            return 1;
        }

        @Override
        public String toString() {
            return "none";
        }
    }
}
