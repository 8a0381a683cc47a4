package dev.tailbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import dev.tailbench.api.Recipe;
import dev.tailbench.data.DatasetInfo;
import dev.tailbench.model.Backbones;
import dev.tailbench.report.EpochRecord;
import dev.tailbench.report.RunResult;
import dev.tailbench.run.NativeEngine;
import dev.tailbench.run.ResidentMemory;
import dev.tailbench.run.RunService;
import dev.tailbench.run.RunSettings;
import dev.tailbench.spec.Budget;
import dev.tailbench.spec.DataSpec;
import dev.tailbench.spec.RunSpec;
import dev.tailbench.spec.Schedule;
import dev.tailbench.spec.Stages;
import dev.tailbench.tricks.loss.CrossEntropyLoss;
import dev.tailbench.train.NesterovSgd;

/**
 * Training throughput of the trainer, one mode per process, one JSON line on stdout. Driven by
 * {@code benchmarks/throughput/run.sh}; the workloads (ResNet-8 on Fashion-MNIST-LT, ResNet-32 on
 * CIFAR-10-LT, each on a full and a small draw) are {@link BenchWorkload}s.
 *
 * <ul>
 *   <li>{@code tailbench}: the real trainer ({@link RunService#execute}) with its defaults on a
 *       workload's synthetic files in the real format: reading, long-tail draw, sampling,
 *       augmentation, evaluation after every epoch, checkpoints and result files included;
 *       {@code images_per_s} counts training time only, {@code run_s} the whole run.
 *   <li>{@code write-data}: writes a workload's files, in a process of its own.
 *   <li>{@code djl-bare}: a workload's network, loss and optimizer on one fixed batch already on the
 *       device, as many steps per epoch as the trainer takes: forward, loss, backward, update,
 *       nothing else. tailbench / djl-bare is the cost of the trainer's loop (batch gather,
 *       augmentation, scopes).
 *   <li>{@code device-loop}: the trainer's epoch loop alone on synthetic CIFAR-shaped data resident
 *       on the device, the peer of the PyTorch eager loop in {@code benchmarks/gpu/}; its own
 *       options, see {@link DeviceLoopThroughput}.
 * </ul>
 *
 * <p>Lives in test sources so it is not part of the published jar and runs on the test classpath
 * the trainer's tests use. It has a main method and no {@code @Test}: Jupiter and the tailbench
 * engine (which wants {@code @LongTailExperiment}) both find nothing in it when Surefire scans it.
 *
 * <p>Usage: {@code TrainerThroughput tailbench <workload> <full|small> [epochs=2] [threads=2] [dataDir]},
 * {@code write-data <workload> <full|small> <dir>}, {@code djl-bare <workload> <full|small> [epochs=2]
 * [threads=2]}, on
 * the device {@code -Dtailbench.device} names ({@code cpu} unless set; {@code gpu} fails rather than
 * fall back to the CPU), or {@code TrainerThroughput device-loop [--option value ...]}.
 * The first epoch is warm-up (JIT, allocator, libtorch kernels): {@code images_per_s} excludes it,
 * {@code images_per_s_all} includes it.
 */
public final class TrainerThroughput {

    static final int BATCH = 128;

    private TrainerThroughput() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TrainerThroughput tailbench <workload> <full|small> [epochs] [threads] [dataDir]"
                    + " | write-data <workload> <full|small> <dir> | djl-bare <workload> <full|small> [epochs] [threads]"
                    + " | device-loop [--device cpu|gpu] [--images N] [--classes C] [--batch B] [--warmup-epochs W]"
                    + " [--epochs E] [--threads T] [--seed S] [--out FILE]");
            System.exit(2);
        }
        String mode = args[0];
        if (mode.equals("device-loop")) {
            String line = DeviceLoopThroughput.run(Arrays.copyOfRange(args, 1, args.length));
            System.out.println(line);
            System.out.flush();
            System.exit(0);
        }
        // The JSON line goes to the real stdout; everything else (progress, logs) to stderr.
        PrintStream json = System.out;
        String line = switch (mode) {
            // tailbench <workload> <full|small> [epochs=2] [threads=2] [dataDir]
            case "tailbench" -> tailbench(BenchWorkload.named(args[1]), args[2], epochs(args), threads(args),
                    args.length > 5 ? Path.of(args[5]) : null);
            // djl-bare <workload> <full|small> [epochs=2] [threads=2]
            case "djl-bare" -> bare(BenchWorkload.named(args[1]), args[2], epochs(args), threads(args));
            case "write-data" -> {
                // write-data <workload> <full|small> <dir>: its own process, so writing the pool
                // does not count in the measured one's memory.
                BenchWorkload workload = BenchWorkload.named(args[1]);
                workload.write(Path.of(args[3]), args[2]);
                yield String.format(Locale.ROOT,
                        "{\"mode\":\"write-data\",\"workload\":\"%s\",\"size\":\"%s\",\"train_images\":%d,"
                                + "\"test_images\":%d}",
                        workload.name(), args[2], workload.longTailImages(args[2]), workload.testImages());
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        json.println(line);
        json.flush();
        // libtorch threads are not daemons everywhere; do not wait for them.
        System.exit(0);
    }

    /** The epochs argument (4th) of the tailbench and djl-bare modes. */
    private static int epochs(String[] args) {
        int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        if (epochs < 2) {
            throw new IllegalArgumentException("epochs must be >= 2: the first one is warm-up");
        }
        return epochs;
    }

    /** The threads argument (5th) of the tailbench and djl-bare modes. */
    private static int threads(String[] args) {
        return args.length > 4 ? Integer.parseInt(args[4]) : 2;
    }

    // ---------------------------------------------------------------- tailbench: the real trainer

    private static String tailbench(BenchWorkload workload, String size, int epochs, int threads, Path dataDir)
            throws IOException {
        boolean temporary = dataDir == null;
        Path root = temporary ? Files.createTempDirectory("tailbench-throughput") : dataDir;
        Path results = Files.createTempDirectory("tailbench-throughput-results");
        try {
            if (temporary) {
                workload.write(root, size);
            }
            // Progress lines go to stderr: stdout carries only the JSON line.
            System.setOut(System.err);

            Schedule schedule = new Schedule(epochs, BATCH, 0.1, 0.9, 2e-4, 0, Schedule.PAPER_WARMUP_START_FACTOR,
                    List.of(), 0.01);
            RunSpec spec = new RunSpec(TrainerThroughput.class.getName(), "crossEntropy", 1L,
                    new DataSpec(workload.dataset(), root.toString(), "exponential", BenchWorkload.IMBALANCE,
                            BenchWorkload.DATA_SEED, "tailbench"),
                    workload.backbone(), schedule, Recipe.crossEntropy(), Stages.single(epochs), device(), Budget.none());
            RunResult result;
            long start = System.nanoTime();
            // The trainer's defaults: a checkpoint after every epoch, progress lines, result files.
            String trace = System.getProperty("tailbench.bench.trace");
            if (trace != null) {
                // libtorch's operator profile of the whole run (OpProfile's counterpart for the trainer).
                Engine.getEngine("PyTorch");
                ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
            }
            try (RunService service = new RunService(new RunSettings(results, threads, true, "scaled", 0.05))) {
                result = service.execute(spec);
            }
            if (trace != null) {
                ai.djl.pytorch.jni.JniUtils.stopProfile(Path.of(trace).toAbsolutePath().toString());
            }
            double runSeconds = (System.nanoTime() - start) / 1e9;
            List<EpochRecord> curve = result.curve();
            // Epochs 2..N: the images stepped (the last partial batch is dropped) over the training time.
            int stepped = result.dataset().trainSize() / BATCH * BATCH;
            double seconds = curve.stream().skip(1).mapToDouble(e -> stepped / e.imagesPerSecond()).sum();
            double steady = stepped * (curve.size() - 1) / seconds;
            String perEpoch = curve.stream().map(e -> fmt(e.imagesPerSecond())).collect(Collectors.joining(","));
            // An epoch's seconds include its evaluation; the rest is the evaluation's time.
            String evaluation = curve.stream().map(e -> fmt(e.seconds() - stepped / e.imagesPerSecond()))
                    .collect(Collectors.joining(","));
            // Each epoch records the resident memory after its evaluation: flat means no leak.
            String rss = curve.stream().map(e -> fmt(e.residentMb())).collect(Collectors.joining(","));
            return String.format(Locale.ROOT,
                    "{\"mode\":\"tailbench\",\"workload\":\"%s\",\"images_per_s\":%s,\"images_per_s_all\":%s,"
                            + "\"epoch_images_per_s\":[%s],\"eval_s\":[%s],\"run_s\":%s,\"peak_rss_mb\":%s,"
                            + "\"heap_committed_mb\":%s,\"rss_after_epoch_mb\":[%s],\"epochs\":%d,\"images_per_epoch\":%d,"
                            + "\"images_stepped_per_epoch\":%d,\"test_images\":%d,\"batch\":%d,\"threads\":%d,"
                            + "\"parameters\":%d,\"device\":\"%s\",\"libtorch\":\"%s\"}",
                    workload.name(), fmt(steady), fmt(result.imagesPerSecond()), perEpoch, evaluation, fmt(runSeconds),
                    fmt(ResidentMemory.peakMb()), heapMb(), rss, curve.size(), result.dataset().trainSize(), stepped,
                    result.dataset().testSize(), BATCH, threads, result.trainableParameters(), result.device().used(),
                    Engine.getEngine("PyTorch").getVersion());
        }
        finally {
            if (temporary) {
                deleteTree(root);
            }
            deleteTree(results);
        }
    }

    // ---------------------------------------------------------------- djl-bare: the step alone

    /**
     * The trainer's step alone ({@link BareStep}). An "epoch" is the trainer's full batches of 128
     * over the workload's long-tailed draw.
     */
    private static String bare(BenchWorkload workload, String size, int epochs, int threads) {
        NativeEngine nativeEngine = NativeEngine.load(device(), threads);
        // The trainer's batches of an epoch: the last partial one is dropped.
        int stepsPerEpoch = workload.longTailImages(size) / BATCH;
        List<Double> epochRates = new ArrayList<>();
        try (BareStep bare = new BareStep(workload, nativeEngine, BATCH)) {
            int arraysBefore = -1;
            for (int epoch = 0; epoch < epochs; epoch++) {
                long start = System.nanoTime();
                for (int step = 0; step < stepsPerEpoch; step++) {
                    bare.step();
                }
                epochRates.add(stepsPerEpoch * BATCH / ((System.nanoTime() - start) / 1e9));
                if (epoch == 0) {
                    // After the first epoch the optimizer's state exists; nothing may be added later.
                    arraysBefore = bare.managedArrays();
                }
            }
            if (bare.managedArrays() != arraysBefore) {
                throw new IllegalStateException("arrays leaked onto the model's manager: " + arraysBefore + " -> "
                        + bare.managedArrays());
            }
            int images_ = stepsPerEpoch * BATCH;
            double seconds = epochRates.stream().skip(1).mapToDouble(r -> images_ / r).sum();
            double all = epochRates.stream().mapToDouble(r -> images_ / r).sum();
            return String.format(Locale.ROOT,
                    "{\"mode\":\"djl-bare\",\"workload\":\"%s\",\"images_per_s\":%s,\"images_per_s_all\":%s,\"epoch_images_per_s\":[%s],"
                            + "\"peak_rss_mb\":%s,\"heap_committed_mb\":%s,\"epochs\":%d,\"steps\":%d,\"images_per_epoch\":%d,"
                            + "\"images_stepped_per_epoch\":%d,\"batch\":%d,"
                            + "\"threads\":%d,\"parameters\":%d,\"device\":\"%s\",\"libtorch\":\"%s\"}",
                    workload.name(), fmt(images_ * (epochs - 1) / seconds), fmt(images_ * epochs / all),
                    epochRates.stream().map(TrainerThroughput::fmt).collect(Collectors.joining(",")),
                    fmt(ResidentMemory.peakMb()), heapMb(), epochs, epochs * stepsPerEpoch, workload.longTailImages(size),
                    images_, BATCH, threads,
                    bare.parameters(), nativeEngine.device(), bare.libtorch());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The training device: {@code -Dtailbench.device}, cpu unless set (the CPU measurements of docs/performance.md). */
    private static String device() {
        return System.getProperty("tailbench.device", "cpu");
    }

    /** Java heap the JVM holds now: the part of the resident memory that is not libtorch's. */
    private static String heapMb() {
        return fmt(Runtime.getRuntime().totalMemory() / 1048576.0);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
