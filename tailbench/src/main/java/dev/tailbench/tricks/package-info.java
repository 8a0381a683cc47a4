/**
 * The seams tricks plug into and the factory that maps a recipe's {@link dev.tailbench.api.TrickSpec}
 * to its implementation. Adding a trick adds a class here and a case to {@link dev.tailbench.tricks.Tricks};
 * it never edits the training loop.
 */
package dev.tailbench.tricks;
