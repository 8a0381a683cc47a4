/**
 * The tailbench JUnit Platform test engine (id {@value dev.tailbench.engine.TailbenchTestEngine#ENGINE_ID})
 * and its configuration keys ({@link dev.tailbench.engine.Constants}).
 *
 * <p>This package and its sub-packages import JUnit Platform types only, never DJL: discovery must
 * stay cheap and load no native library, because Surefire discovers every test class before it
 * executes any. Training is delegated to {@code dev.tailbench.run}.
 */
package dev.tailbench.engine;
