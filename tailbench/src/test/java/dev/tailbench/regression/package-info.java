/**
 * Regression experiments that {@code mvn test} trains on the embedded data: one representative
 * per trick family, held to budgets measured over three seeds.
 */
package dev.tailbench.regression;
