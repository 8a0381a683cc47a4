package dev.tailbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import dev.tailbench.data.image.ImageDecoder;
import dev.tailbench.data.image.PaperTransforms;
import dev.tailbench.data.image.RgbImage;

/**
 * Image decoding and the papers' training transform on a pool of threads, the peer of
 * {@code benchmarks/decode/pytorch_pipeline.py} (a torch DataLoader with as many worker
 * processes). Modes: {@code decode} (file to RGB), {@code train} (file to RGB to the augmented,
 * normalised 3 x 224 x 224 floats). Readers: {@code tailbench} (what {@link ImageDecoder} uses:
 * TwelveMonkeys' JPEG reader), {@code jdk} (the JDK's own JPEG reader, for the choice of library).
 * One JSON line: images per second over the directory after a warm-up pass over 32 files.
 *
 * <p>Usage: {@code DecodeThroughput <dir> <decode|train> <workers> [tailbench|jdk]}.
 */
public final class DecodeThroughput {

    private DecodeThroughput() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String mode = args[1];
        int workers = Integer.parseInt(args[2]);
        String reader = args.length > 3 ? args[3] : "tailbench";
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.toString().endsWith(".JPEG")).sorted().toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            run(files.subList(0, Math.min(32, files.size())), mode, reader, pool, workers);
            long start = System.nanoTime();
            int count = run(files, mode, reader, pool, workers);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "{\"mode\":\"tailbench-%s\",\"reader\":\"%s\",\"workers\":%d,\"images\":%d,"
                    + "\"images_per_s\":%.1f,\"seconds\":%.3f}%n", mode, reader, workers, count, count / seconds, seconds);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static int run(List<Path> files, String mode, String reader, ExecutorService pool, int workers)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            done.add(pool.submit(() -> {
                PaperTransforms transforms = PaperTransforms.imageNet();
                float[] out = new float[3 * 224 * 224];
                int count = 0;
                for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                    RgbImage image = decode(files.get(i), reader);
                    if (mode.equals("train")) {
                        transforms.train(image, new SplittableRandom(i), out, 0);
                    }
                    count++;
                }
                return count;
            }));
        }
        int total = 0;
        for (Future<Integer> f : done) {
            total += f.get();
        }
        return total;
    }

    private static RgbImage decode(Path file, String reader) throws IOException {
        if (reader.equals("tailbench")) {
            return ImageDecoder.decode(file);
        }
        // The JDK's own reader, chosen by class name among the installed JPEG readers.
        byte[] bytes = Files.readAllBytes(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            while (readers.hasNext()) {
                ImageReader candidate = readers.next();
                if (candidate.getClass().getName().startsWith("com.sun.imageio")) {
                    candidate.setInput(in, true, true);
                    try {
                        return ImageDecoder.toRgb(candidate.read(0));
                    }
                    finally {
                        candidate.dispose();
                    }
                }
            }
        }
        throw new IllegalStateException("the JDK's JPEG reader is not installed");
    }
}
