package dev.tailbench.metrics;

/** Many, medium or few-shot class. */
public enum ShotGroup {
    MANY, MEDIUM, FEW
}
