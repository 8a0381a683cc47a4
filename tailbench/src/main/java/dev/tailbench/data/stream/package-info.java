/**
 * Large data sets streamed from disk: {@link dev.tailbench.data.stream.StreamedBatches} decodes and
 * augments the images of an epoch's order on a pool of worker threads into a bounded number of
 * batch buffers, handed out in order. Memory is bounded by the batches in flight, not by the data
 * set; each image's random augmentation depends only on the seed and its position in the epoch,
 * so the batches are the same for any number of workers. The sampler still decides the order.
 */
package dev.tailbench.data.stream;
