package dev.tailbench.bench;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.cuda.CudaUtils;

import dev.tailbench.data.DatasetInfo;
import dev.tailbench.data.Datasets;
import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.data.device.RandomCropFlip;
import dev.tailbench.model.Backbone;
import dev.tailbench.model.Backbones;
import dev.tailbench.run.EpochLoop;
import dev.tailbench.spec.Schedule;
import dev.tailbench.run.NativeEngine;
import dev.tailbench.run.ResidentMemory;
import dev.tailbench.run.VersionInfo;
import dev.tailbench.tricks.loss.CrossEntropyLoss;
import dev.tailbench.tricks.loss.LossFunction;
import dev.tailbench.tricks.mixup.BatchObjective;
import dev.tailbench.tricks.mixup.NoMixup;
import dev.tailbench.tricks.sampling.EpochSampler;
import dev.tailbench.tricks.sampling.InstanceBalancedSampler;
import dev.tailbench.train.NesterovSgd;

/**
 * ResNet-32 training speed with the data set resident on the training device: the trainer's epoch
 * loop ({@code EpochLoop}, the one {@code Training} runs) on synthetic CIFAR-shaped images, with nothing else (no files,
 * no long-tail draw, no evaluation), so that the same loop written in PyTorch eager
 * ({@code benchmarks/gpu/pytorch_eager_resnet32.py}) is its exact peer on the same device.
 *
 * <p>Per epoch, as the trainer: a Fisher-Yates order from the run's {@link SplittableRandom};
 * per batch, in a sub-manager closed with it: {@link DeviceImages#batch} (one gather from the
 * uint8 tensor, to float, normalised), {@link RandomCropFlip} (pad 4 + flip as one gather, the
 * choices drawn in Java), forward, cross-entropy, backward, {@link NesterovSgd} on every
 * parameter, and the loss added to a device scalar read once per epoch (that read is the only wait
 * for the device, so the epoch's time includes all its work).
 *
 * <p>Synthetic data: image k's bytes are {@code (j * 2654435761 >> 16) & 255} for the flat byte
 * index j, labels {@code k % classes}, so the PyTorch peer builds the same bytes on its side
 * ({@code data_checksum} in both outputs). Pixel values do not change the arithmetic.
 *
 * <p>One JSON object on stdout (one line), also written to {@code --out}. {@code images_per_s}
 * counts the timed epochs only; warm-up epochs (kernel selection, allocator growth, JIT) are
 * reported apart. Peak memory is the GPU's used memory (total - free from the CUDA runtime, which
 * the caching allocator keeps at its high-water mark) on a GPU, the process's peak resident
 * memory on the CPU.
 *
 * <p>Usage: {@code TrainerThroughput device-loop [--device cpu|gpu] [--images 10000]
 * [--classes 10] [--batch 128] [--warmup-epochs 1] [--epochs 3] [--threads 2] [--seed 1]
 * [--out file.json]}; the device defaults to {@code -Dtailbench.device}, else cpu.
 */
final class DeviceLoopThroughput {

    /** Knuth's multiplicative hash: cheap, identical in Java longs and torch int64. */
    static final long PIXEL_MULTIPLIER = 2654435761L;

    private final Options options;

    private DeviceLoopThroughput(Options options) {
        this.options = options;
    }

    static String run(String[] args) throws IOException {
        Options options = Options.parse(args);
        String json = new DeviceLoopThroughput(options).measure();
        if (options.out != null) {
            Files.writeString(options.out, json + System.lineSeparator());
        }
        return json;
    }

    private String measure() throws IOException {
        NativeEngine nativeEngine = NativeEngine.load(options.device, options.threads);
        Engine engine = nativeEngine.engine();
        Device device = nativeEngine.device();
        engine.setRandomSeed((int) options.seed);
        DatasetInfo cifar = Datasets.get("cifar-10");
        GpuMemory gpuMemory = new GpuMemory(device);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", "tailbench-device-loop");

        try (Model model = Model.newInstance("device-loop", device, "PyTorch")) {
            NDManager manager = model.getNDManager();
            Backbone network = Backbones.create("resnet32", cifar.channels(), options.classes);
            model.setBlock(network);
            network.initialize(manager, DataType.FLOAT32, new Shape(1, cifar.channels(), cifar.height(), cifar.width()));
            List<Parameter> trainable = new ArrayList<>();
            for (Pair<String, Parameter> entry : network.getParameters()) {
                if (entry.getValue().requiresGradient()) {
                    entry.getValue().getArray().setRequiresGradient(true);
                    trainable.add(entry.getValue());
                }
            }
            NesterovSgd optimizer = NesterovSgd.builder().setLearningRate(0.1f).optMomentum(0.9f)
                    .optWeightDecays(2e-4f).build();
            ParameterStore parameters = new ParameterStore(manager, false);
            LossFunction loss = new CrossEntropyLoss();
            BatchObjective objective = new NoMixup();
            RandomCropFlip augmentation = new RandomCropFlip(cifar.defaultCropPadding(), true, cifar.mean(), cifar.std());
            EpochSampler sampler = new InstanceBalancedSampler(options.images);
            SplittableRandom random = new SplittableRandom(options.seed);
            gpuMemory.sample("start");

            byte[] pixels = syntheticPixels(options.images, cifar);
            try (DeviceImages images = DeviceImages.of(manager, pixels, syntheticLabels(options.images, options.classes),
                    cifar.channels(), cifar.height(), cifar.width(), cifar.mean(), cifar.std())) {
                long checksum = checksum(pixels);
                pixels = null;   // the device holds them now; keep the heap out of the peak
                gpuMemory.sample("after_data");

                List<Double> warmup = new ArrayList<>();
                List<Double> timed = new ArrayList<>();
                List<Double> losses = new ArrayList<>();
                int totalEpochs = options.warmupEpochs + options.epochs;
                // The trainer's own loop, so that the benchmark measures what training runs.
                EpochLoop loop = new EpochLoop(model.getNDManager(), network, parameters, trainable, optimizer,
                        new Schedule(1, options.batch, 0.1, 0.9, 5e-4, 0, 1, List.of(), 1));
                for (int epoch = 0; epoch < totalEpochs; epoch++) {
                    int[] order = sampler.epoch(epoch, random);
                    long start = System.nanoTime();
                    double meanLoss = loop.train(images, order, loss, objective, augmentation, random,
                            (batch, batches, value, inputs, labels) -> new IllegalStateException(
                                    "non-finite loss " + value + " in batch " + batch + " of " + batches));
                    // Images the steps saw: the loop drops a last partial batch.
                    double rate = Math.min(order.length, (order.length / options.batch) * options.batch)
                            / ((System.nanoTime() - start) / 1e9);
                    (epoch < options.warmupEpochs ? warmup : timed).add(round(rate));
                    losses.add(Math.round(meanLoss * 1e4) / 1e4);
                    gpuMemory.sample("after_epoch_" + (epoch + 1));
                }
                double timedSeconds = timed.stream().mapToDouble(rate -> options.images / rate).sum();
                result.put("images_per_s", round(options.images * timed.size() / timedSeconds));
                result.put("epoch_images_per_s", timed);
                result.put("warmup_images_per_s", warmup);
                result.put("epoch_mean_loss", losses);
                result.put("data_checksum", checksum);
            }
            result.put("images", options.images);
            result.put("classes", options.classes);
            result.put("batch", options.batch);
            result.put("steps_per_epoch", (options.images + options.batch - 1) / options.batch);
            result.put("warmup_epochs", options.warmupEpochs);
            result.put("timed_epochs", options.epochs);
            result.put("parameters", Backbones.trainableParameterCount(network));
        }
        double peakRss = ResidentMemory.peakMb();
        result.put("peak_memory_mb", gpuMemory.available() ? gpuMemory.peakMb() : round(peakRss));
        result.put("peak_memory_kind", gpuMemory.available() ? "gpu-used" : "process-peak-rss");
        result.put("gpu_used_mb", gpuMemory.samples());
        result.put("gpu_memory_note", gpuMemory.note());
        result.put("peak_rss_mb", round(peakRss));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("threads", options.threads);
        settings.put("seed", options.seed);
        settings.put("cudnn_benchmark", Boolean.getBoolean("ai.djl.pytorch.cudnn_benchmark"));
        settings.put("optimizer", "NesterovSgd lr 0.1 momentum 0.9 weight decay 2e-4 (per parameter)");
        settings.put("augmentation", "random crop padding 4 + horizontal flip, choices drawn on the host");
        result.put("settings", settings);
        result.put("device", nativeEngine.deviceRecord());
        Map<String, Object> versions = new ObjectMapper().convertValue(VersionInfo.of(engine), LinkedHashMap.class);
        // PYTORCH_VERSION names the JNI DJL loads; the library may be another version (docs/gpu.md).
        versions.put("libtorch_path", LibUtils.getLibtorchPath());
        versions.put("pytorch_version_setting", System.getenv("PYTORCH_VERSION"));
        versions.put("pytorch_flavor_setting", System.getenv("PYTORCH_FLAVOR"));
        result.put("versions", versions);
        return new ObjectMapper().writeValueAsString(result);
    }

    /** Image bytes of the synthetic set, N x C x H x W in row-major order. */
    static byte[] syntheticPixels(int images, DatasetInfo info) {
        int length = Math.multiplyExact(images, info.channels() * info.height() * info.width());
        byte[] pixels = new byte[length];
        for (int j = 0; j < length; j++) {
            pixels[j] = (byte) ((j * PIXEL_MULTIPLIER) >>> 16);
        }
        return pixels;
    }

    static int[] syntheticLabels(int images, int classes) {
        int[] labels = new int[images];
        Arrays.setAll(labels, k -> k % classes);
        return labels;
    }

    /** Sum of the unsigned bytes: the same number on the PyTorch side means the same data. */
    static long checksum(byte[] pixels) {
        long sum = 0;
        for (byte b : pixels) {
            sum += b & 0xFF;
        }
        return sum;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /**
     * Used GPU memory (total - free, as the CUDA runtime reports it through DJL) at named points.
     * libtorch's caching allocator keeps what it reserved, so the last samples hold the run's
     * high-water mark plus the CUDA context. Unavailable on the CPU, and where DJL cannot load the
     * CUDA runtime (the note says why).
     */
    private static final class GpuMemory {

        private final Device device;
        private final Map<String, Double> samples = new LinkedHashMap<>();
        private String note;

        GpuMemory(Device device) {
            this.device = device;
            if (!device.isGpu()) {
                note = "not a GPU run";
            }
        }

        void sample(String point) {
            if (note != null) {
                return;
            }
            try {
                MemoryUsage usage = CudaUtils.getGpuMemory(device);
                samples.put(point, round(usage.getCommitted() / 1048576.0));
            }
            catch (RuntimeException | LinkageError e) {
                note = "CUDA runtime memory query failed at " + point + ": " + e;
            }
        }

        boolean available() {
            return note == null && !samples.isEmpty();
        }

        double peakMb() {
            return samples.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        Map<String, Double> samples() {
            return samples.isEmpty() ? null : samples;
        }

        String note() {
            return note;
        }
    }

    /** Command-line options; every number validated so that a typo fails before the engine loads. */
    private static final class Options {

        String device = System.getProperty("tailbench.device", "cpu");
        int images = 10_000;
        int classes = 10;
        int batch = 128;
        int warmupEpochs = 1;
        int epochs = 3;
        int threads = 2;
        long seed = 1;
        Path out;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--device" -> options.device = value;
                    case "--images" -> options.images = positive(args[i], value);
                    case "--classes" -> options.classes = positive(args[i], value);
                    case "--batch" -> options.batch = positive(args[i], value);
                    case "--warmup-epochs" -> options.warmupEpochs = Integer.parseInt(value);
                    case "--epochs" -> options.epochs = positive(args[i], value);
                    case "--threads" -> options.threads = positive(args[i], value);
                    case "--seed" -> options.seed = Long.parseLong(value);
                    case "--out" -> options.out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (!List.of("cpu", "gpu").contains(options.device)) {
                throw new IllegalArgumentException("--device must be cpu or gpu, got " + options.device);
            }
            if (options.warmupEpochs < 0) {
                throw new IllegalArgumentException("--warmup-epochs must be >= 0");
            }
            // Batch norm cannot train on a last batch of one image.
            if (options.images % options.batch == 1) {
                throw new IllegalArgumentException("--images " + options.images + " leaves a last batch of one image");
            }
            // The pixel formula must not overflow a signed 64-bit product on either side.
            if ((long) options.images * 3 * 32 * 32 > Long.MAX_VALUE / PIXEL_MULTIPLIER) {
                throw new IllegalArgumentException("--images too large for the synthetic data");
            }
            return options;
        }

        private static int positive(String name, String value) {
            int number = Integer.parseInt(value);
            if (number < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + value);
            }
            return number;
        }
    }
}
