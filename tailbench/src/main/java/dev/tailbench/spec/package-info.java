/**
 * A run resolved to plain data: {@link dev.tailbench.spec.RunSpec} (experiment x combination x seed
 * with every number decided and every override applied) and its parts. Built during discovery,
 * so nothing here loads native code; serialised whole into each result so that a result records
 * its full configuration.
 */
package dev.tailbench.spec;
