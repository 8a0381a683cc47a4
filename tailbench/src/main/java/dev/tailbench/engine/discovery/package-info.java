/**
 * Discovery: turns {@code @LongTailExperiment} classes into a static tree of descriptors, and
 * reports declaration mistakes as discovery issues that name the class and member at fault.
 */
package dev.tailbench.engine.discovery;
