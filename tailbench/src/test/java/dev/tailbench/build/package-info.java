/** Checks on the build a consumer sees: the BOM, the published pom. */
package dev.tailbench.build;
