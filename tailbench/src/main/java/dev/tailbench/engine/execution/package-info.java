/**
 * Execution: the context handed down the descriptor tree, holding the run service that trains,
 * judges and records each run.
 */
package dev.tailbench.engine.execution;
