/**
 * What users write: the {@link dev.tailbench.api.LongTailExperiment} class annotation, the
 * {@link dev.tailbench.api.Combination} and {@link dev.tailbench.api.ErrorBudget} method
 * annotations, and the immutable {@link dev.tailbench.api.Recipe} a combination returns.
 *
 * <p>Nothing here loads a native library or a data set: the engine reads these types during
 * discovery, which Surefire runs for every test class before anything executes.
 */
package dev.tailbench.api;
