package dev.tailbench.data.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tailbench.data.image.ImageDecoder;
import dev.tailbench.data.list.ImageList;

/**
 * One epoch of an {@link ImageList} as batches: the images of {@code order} (positions into the
 * list, as the sampler drew them) decoded and transformed by worker threads, at most
 * {@code queueCapacity} batches ahead of the consumer, handed out in order.
 *
 * <p>Memory: {@code queueCapacity + 1} batch buffers exist at any time (recycled, not
 * reallocated), plus one decoded image per worker; the data set's size does not matter. A batch
 * returned by {@link #next()} stays valid until the following {@code next()} or {@link #close()}.
 *
 * <p>Determinism: the image at position p of the order is augmented with a generator seeded by
 * {@code (seed, p)} alone, so the batches do not depend on the number of workers or on timing.
 *
 * <p>A file that cannot be read fails {@code next()} for its batch with the file's name (an
 * {@link UncheckedIOException} around the reader's exception); batches before it were delivered.
 */
public final class StreamedBatches implements AutoCloseable {

    /**
     * A batch of samples, valid until the next {@link StreamedBatches#next()}.
     *
     * @param number the batch's number in the epoch, from 0
     * @param size the samples in it (the last one may be smaller)
     * @param pixels {@code size * sampleFloats} floats, sample after sample (the buffer may be longer)
     * @param labels the samples' labels
     * @param positions the samples' positions in the epoch's order
     */
    public record Batch(int number, int size, float[] pixels, int[] labels, int[] positions) {}

    private final ImageList images;
    private final int[] order;
    private final int batchSize;
    private final ImageTransform transform;
    private final long seed;
    private final int queueCapacity;
    private final ExecutorService workers;
    private final int batchCount;
    private final Deque<float[]> freeBuffers = new ArrayDeque<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private int nextToSchedule;
    private float[] delivered;
    private boolean closed;

    private record Pending(Batch batch, Future<?>[] samples) {}

    private StreamedBatches(Builder b) {
        images = b.images;
        order = b.order.clone();
        batchSize = b.batchSize;
        transform = b.transform;
        seed = b.seed;
        queueCapacity = b.queueCapacity;
        for (int position : order) {
            if (position < 0 || position >= images.size()) {
                throw new IllegalArgumentException("position " + position + " of the order is not an image of "
                        + images.source() + " (" + images.size() + " images)");
            }
        }
        int full = order.length / batchSize;
        batchCount = b.dropLast || order.length % batchSize == 0 ? full : full + 1;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = task -> {
            Thread thread = new Thread(task, "tailbench-images-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        workers = Executors.newFixedThreadPool(b.workers, daemons);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Batches in the epoch. */
    public int batchCount() {
        return batchCount;
    }

    /** Whether a batch is left; false after {@link #close()} or a failed batch. */
    public boolean hasNext() {
        return !closed && (nextToSchedule < batchCount || !pending.isEmpty());
    }

    /** The next batch in order, waiting for its samples; the previous batch's buffer is reused from now on. */
    public Batch next() {
        if (closed) {
            throw new IllegalStateException("the stream is closed (closed by its user, or a batch failed)");
        }
        if (!hasNext()) {
            throw new NoSuchElementException("all " + batchCount + " batches were delivered");
        }
        if (delivered != null) {
            freeBuffers.push(delivered);
            delivered = null;
        }
        while (pending.size() < queueCapacity && nextToSchedule < batchCount) {
            schedule(nextToSchedule++);
        }
        Pending head = pending.poll();
        for (Future<?> sample : head.samples()) {
            try {
                sample.get();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for batch " + head.batch().number(), e);
            }
            catch (ExecutionException e) {
                // The other samples of this batch may still be running into its buffer: the buffer
                // is not reused; the stream is finished.
                close();
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw new UncheckedIOException(io.getMessage(), io);
                }
                throw new IllegalStateException("batch " + head.batch().number() + ": " + cause, cause);
            }
        }
        delivered = head.batch().pixels();
        // Keep the workers busy while the consumer trains on this batch.
        while (pending.size() < queueCapacity && nextToSchedule < batchCount) {
            schedule(nextToSchedule++);
        }
        return head.batch();
    }

    private void schedule(int number) {
        int from = number * batchSize;
        int size = Math.min(batchSize, order.length - from);
        float[] buffer = freeBuffers.isEmpty() ? new float[batchSize * transform.sampleFloats()] : freeBuffers.pop();
        int[] labels = new int[size];
        int[] positions = new int[size];
        Future<?>[] samples = new Future<?>[size];
        int floats = transform.sampleFloats();
        for (int i = 0; i < size; i++) {
            int position = from + i;
            int image = order[position];
            labels[i] = images.images().get(image).label();
            positions[i] = position;
            int offset = i * floats;
            samples[i] = workers.submit(() -> {
                transform.apply(ImageDecoder.decode(images.file(image)), new SplittableRandom(mix(seed, position)),
                        buffer, offset);
                return null;
            });
        }
        pending.add(new Pending(new Batch(number, size, buffer, labels, positions), samples));
    }

    /** The generator seed of the sample at a position: seed and position only. */
    static long mix(long seed, int position) {
        return seed * 0x9E3779B97F4A7C15L + position * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L;
    }

    /** Stops the workers; batches not yet delivered are dropped. */
    @Override
    public void close() {
        closed = true;
        workers.shutdownNow();
        pending.clear();
    }

    /** {@code setX} required, {@code optX} optional, as DJL's builders. */
    public static final class Builder {
        private ImageList images;
        private int[] order;
        private int batchSize;
        private ImageTransform transform;
        private long seed;
        private boolean seedSet;
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int queueCapacity = 2;
        private boolean dropLast;

        private Builder() {}

        public Builder setImages(ImageList images) {
            this.images = Objects.requireNonNull(images, "images");
            return this;
        }

        /** Positions into the list, in the epoch's order (a sampler's draw; repeats allowed). */
        public Builder setOrder(int[] order) {
            this.order = Objects.requireNonNull(order, "order");
            return this;
        }

        public Builder setBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder setTransform(ImageTransform transform) {
            this.transform = Objects.requireNonNull(transform, "transform");
            return this;
        }

        /** The epoch's seed; each sample's generator derives from it and the sample's position. */
        public Builder setSeed(long seed) {
            this.seed = seed;
            this.seedSet = true;
            return this;
        }

        /** Worker threads; default: the available processors. */
        public Builder optWorkers(int workers) {
            this.workers = workers;
            return this;
        }

        /** Batches decoded ahead of the consumer; default 2. */
        public Builder optQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** Drop a last batch smaller than the batch size, as the trainer and the papers' loaders do for training. */
        public Builder optDropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        public StreamedBatches build() {
            if (images == null || order == null || transform == null || !seedSet) {
                throw new IllegalStateException("setImages, setOrder, setTransform and setSeed are required");
            }
            if (batchSize < 1 || workers < 1 || queueCapacity < 1) {
                throw new IllegalArgumentException("batch size " + batchSize + ", workers " + workers
                        + " and queue capacity " + queueCapacity + " must be >= 1");
            }
            return new StreamedBatches(this);
        }
    }
}
