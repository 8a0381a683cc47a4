package dev.tailbench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import dev.tailbench.data.CaoSubset;
import dev.tailbench.data.CuiTfRecords;
import dev.tailbench.data.DataContent;
import dev.tailbench.data.DatasetInfo;
import dev.tailbench.data.DatasetLoader;
import dev.tailbench.data.DatasetNotFoundException;
import dev.tailbench.data.DatasetSplits;
import dev.tailbench.data.ImageSet;
import dev.tailbench.data.LongTailProfile;
import dev.tailbench.data.LongTailSplit;
import dev.tailbench.data.LongTailSubset;
import dev.tailbench.data.SubsetVariant;
import dev.tailbench.data.ValidationSplit;
import dev.tailbench.data.Datasets;
import dev.tailbench.data.device.DeviceImages;
import dev.tailbench.report.DatasetRecord;
import dev.tailbench.spec.DataSpec;

/**
 * A data spec loaded: the long-tailed training subset and the balanced test set, each kept as one
 * tensor on the training device so that batches are drawn by index without per-image copies.
 * Only labels stay on the Java heap: the pixel arrays the readers produced are dropped once the
 * tensors exist, so a 150 MB CIFAR pool does not stay resident for the whole run.
 */
public final class PreparedData implements AutoCloseable {

    private final DatasetInfo info;
    private final int[] trainLabels;
    private final int[] trainCounts;
    private final int[] testLabels;
    private final NDManager manager;
    private final DeviceImages train;
    private final DeviceImages test;
    private final int[] validationLabels;
    private final DeviceImages validation;
    private final DatasetRecord record;
    private final List<String> warnings;

    private PreparedData(DatasetInfo info, ImageSet trainSet, ImageSet testSet, ImageSet validationSet,
            NDManager manager, DeviceImages train, DeviceImages test, DeviceImages validation, DatasetRecord record,
            List<String> warnings) {
        this.info = info;
        this.trainLabels = trainSet.labels();
        this.trainCounts = trainSet.classCounts();
        this.testLabels = testSet.labels();
        this.validationLabels = validationSet == null ? null : validationSet.labels();
        this.manager = manager;
        this.train = train;
        this.test = test;
        this.validation = validation;
        this.record = record;
        this.warnings = List.copyOf(warnings);
    }

    /** What the user should know about the files read (e.g. that they are not the official ones). */
    public List<String> warnings() {
        return warnings;
    }

    /** Whether images were held out for model selection. */
    public boolean hasValidation() {
        return validation != null;
    }

    /** The validation images, or null without a validation split. */
    public DeviceImages validation() {
        return validation;
    }

    /** Labels of the validation images, by index into {@link #validation()}; null without a split. */
    public int[] validationLabels() {
        return validationLabels == null ? null : validationLabels.clone();
    }

    /**
     * The data a spec trains on, before it moves to the device: the splits read, the long-tailed
     * training set drawn from the pool as the spec's variant does, and each training image's index
     * in the pool (what the PyTorch twin in benchmarks/twin trains on).
     *
     * @param poolIndices index of each training image in {@code splits.trainPool()}
     * @param validation  the images held out for model selection, or null without a validation split
     * @param validationPoolIndices index of each validation image in the pool, or null
     */
    public record DrawnSets(DatasetSplits splits, ImageSet train, int[] poolIndices, ImageSet validation,
            int[] validationPoolIndices) {

        DrawnSets(DatasetSplits splits, ImageSet train, int[] poolIndices) {
            this(splits, train, poolIndices, null, null);
        }
    }

    /** Reads the data set and draws the spec's long-tailed training set, on the host. */
    public static DrawnSets draw(DataSpec spec) throws IOException {
        Path dataDir = spec.dataDir() == null ? null : Path.of(spec.dataDir());
        LongTailProfile profile = switch (spec.profile()) {
            case "step" -> LongTailProfile.step(spec.imbalance());
            default -> LongTailProfile.exponential(spec.imbalance());
        };
        switch (SubsetVariant.of(spec.variant())) {
            case CUI -> {
                if (dataDir == null) {
                    throw new DatasetNotFoundException("embedded", List.of(CuiTfRecords.TRAIN_FILE, CuiTfRecords.EVAL_FILE),
                            "the cui variant reads Cui et al.'s TFRecord files; set -D" + DatasetLoader.DATA_DIR_PROPERTY
                                    + "=<dir> to the directory holding "
                                    + CuiTfRecords.directoryName(spec.dataset(), spec.imbalance()) + "/");
                }
                DatasetSplits splits = CuiTfRecords.load(Datasets.get(spec.dataset()), dataDir, spec.imbalance());
                return new DrawnSets(splits, splits.trainPool(), IntStream.range(0, splits.trainPool().size()).toArray());
            }
            case CAO -> {
                DatasetSplits splits = DatasetLoader.load(spec.dataset(), dataDir);
                LongTailSplit split = CaoSubset.draw(splits.trainPool(), profile, spec.dataSeed());
                return new DrawnSets(splits, split.train(), split.indices());
            }
            default -> {
                DatasetSplits splits = DatasetLoader.load(spec.dataset(), dataDir);
                if (!spec.hasValidation()) {
                    LongTailSplit split = LongTailSubset.draw(splits.trainPool(), profile, spec.dataSeed());
                    return new DrawnSets(splits, split.train(), split.indices());
                }
                // The validation images first, then the long-tailed subset from what remains.
                int perClass = spec.validationPerClass() == DataSpec.DEFAULT_VALIDATION
                        ? ValidationSplit.defaultPerClass(splits.trainPool()) : spec.validationPerClass();
                ValidationSplit held = ValidationSplit.draw(splits.trainPool(), perClass, spec.dataSeed());
                // On a balanced pool the head is what remains of class 0; a pool that is long-tailed
                // already shrinks its head until its tail still fits the profile.
                LongTailSplit split = LongTailSubset.draw(held.remaining(), profile, spec.dataSeed(),
                        LongTailSubset.largestHeadCount(held.remaining(), profile));
                return new DrawnSets(splits, split.train(), held.poolIndicesOfRemaining(split.indices()),
                        held.validation(), held.validationIndices());
            }
        }
    }

    /** Reads, draws the long-tailed subset (as the spec's variant does), and moves both sets to the device. */
    public static PreparedData load(DataSpec spec, Device device) throws IOException {
        DrawnSets drawn = draw(spec);
        DatasetSplits splits = drawn.splits();
        ImageSet trainSet = drawn.train();
        NDManager manager = NDManager.newBaseManager(device);
        try {
            ImageSet testSet = splits.test();
            double[] mean = splits.info().mean();
            double[] std = splits.info().std();
            DeviceImages train = DeviceImages.of(manager, trainSet.pixels(), trainSet.labels(), trainSet.channels(),
                    trainSet.height(), trainSet.width(), mean, std);
            DeviceImages test = DeviceImages.of(manager, testSet.pixels(), testSet.labels(), testSet.channels(),
                    testSet.height(), testSet.width(), mean, std);
            ImageSet validationSet = drawn.validation();
            DeviceImages validation = validationSet == null ? null : DeviceImages.of(manager, validationSet.pixels(),
                    validationSet.labels(), validationSet.channels(), validationSet.height(), validationSet.width(),
                    mean, std);
            DatasetRecord record = new DatasetRecord(spec.dataset(), splits.source(), spec.profile(), spec.imbalance(),
                    spec.dataSeed(), spec.variant(), splits.info().classNames(), trainSet.classCounts(), trainSet.size(),
                    testSet.size(), testSet.classCounts(), validationSet == null ? null : validationSet.size(),
                    DataContent.sha256(spec));
            return new PreparedData(splits.info(), trainSet, testSet, validationSet, manager, train, test, validation,
                    record, splits.warnings());
        }
        catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Shape, classes and normalisation of the data set. */
    public DatasetInfo info() {
        return info;
    }

    /** Labels of the training subset, by index into {@link #train()}. */
    public int[] trainLabels() {
        return trainLabels.clone();
    }

    /** Training images per class. */
    public int[] trainCounts() {
        return trainCounts.clone();
    }

    /** Labels of the test set, by index into {@link #test()}. */
    public int[] testLabels() {
        return testLabels.clone();
    }

    public DeviceImages train() {
        return train;
    }

    public DeviceImages test() {
        return test;
    }

    public DatasetRecord record() {
        return record;
    }

    @Override
    public void close() {
        manager.close();
    }
}
