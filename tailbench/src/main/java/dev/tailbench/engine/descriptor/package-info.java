/**
 * The static test tree: experiment (a class) -> combination (a method) -> seed (only when several
 * seeds are declared). Unique ids are built from names, so one failed combination can be re-run
 * by its unique id; every node carries a {@code ClassSource} or {@code MethodSource} so that
 * Surefire and IDEs count, filter and link them.
 */
package dev.tailbench.engine.descriptor;
