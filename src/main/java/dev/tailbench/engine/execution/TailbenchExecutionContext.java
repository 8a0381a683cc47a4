package dev.tailbench.engine.execution;

import dev.tailbench.run.RunService;

import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What every node needs while executing: the run service shared by all experiments of one
 * engine execution (it caches loaded data sets and results across them).
 *
 * @param runs trains, judges and records runs
 */
public record TailbenchExecutionContext(RunService runs) implements EngineExecutionContext {
}
