/**
 * Sharding ({@code tailbench.shard = i/n}): after discovery, keeps the combinations of one of n
 * shards so that n machines together run a suite once. The unit is a group of combinations that
 * are compared with each other, placed by the SHA-256 of its smallest unique id, so a
 * combination's shard depends neither on discovery order nor on which other classes or
 * combinations are selected.
 */
package dev.tailbench.engine.shard;
