package dev.tailbench.data.list;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.tailbench.data.DatasetFormatException;
import dev.tailbench.data.DatasetNotFoundException;

/**
 * The large long-tail benchmarks in their official layouts under a data directory:
 * <ul>
 *   <li>{@code imagenet-lt}: {@code ImageNet_LT/} holding the OLTR release's
 *       {@code ImageNet_LT_train.txt}, {@code _val.txt}, {@code _test.txt} and the ImageNet 2012
 *       tree their paths start from ({@code train/}, {@code val/}; links are fine);
 *   <li>{@code places-lt}: {@code Places_LT/} with {@code Places_LT_train.txt}, {@code _val.txt},
 *       {@code _test.txt} and the Places-365 tree their paths start from;
 *   <li>{@code inaturalist-2018}: {@code iNaturalist18/} with {@code train2018.json},
 *       {@code val2018.json} and {@code train_val2018/}; the papers report on the validation
 *       set, which is therefore the test split here (there is no separate validation split).
 * </ul>
 * A data set whose splits do not have the official sizes reads, with a warning that published
 * figures do not apply to it.
 */
public enum LargeDataset {

    IMAGENET_LT("imagenet-lt", "ImageNet_LT", 1000, "ImageNet_LT_train.txt", "ImageNet_LT_val.txt",
            "ImageNet_LT_test.txt", 115_846, 20_000, 50_000),
    PLACES_LT("places-lt", "Places_LT", 365, "Places_LT_train.txt", "Places_LT_val.txt", "Places_LT_test.txt",
            62_500, 7_300, 36_500),
    INATURALIST_2018("inaturalist-2018", "iNaturalist18", 8142, "train2018.json", null, "val2018.json",
            437_513, 0, 24_426);

    private final String name;
    private final String directory;
    private final int classCount;
    private final String trainFile;
    private final String validationFile;
    private final String testFile;
    private final int officialTrain;
    private final int officialValidation;
    private final int officialTest;

    LargeDataset(String name, String directory, int classCount, String trainFile, String validationFile,
            String testFile, int officialTrain, int officialValidation, int officialTest) {
        this.name = name;
        this.directory = directory;
        this.classCount = classCount;
        this.trainFile = trainFile;
        this.validationFile = validationFile;
        this.testFile = testFile;
        this.officialTrain = officialTrain;
        this.officialValidation = officialValidation;
        this.officialTest = officialTest;
    }

    /** The name an experiment declares, e.g. {@code imagenet-lt}. */
    public String datasetName() {
        return name;
    }

    /** The directory under the data directory. */
    public String directory() {
        return directory;
    }

    public int classCount() {
        return classCount;
    }

    /** The data set of a declared name. */
    public static Optional<LargeDataset> named(String name) {
        for (LargeDataset dataset : values()) {
            if (dataset.name.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(dataset);
            }
        }
        return Optional.empty();
    }

    /**
     * The splits as image lists.
     *
     * @param validation empty for iNaturalist 2018
     * @param warnings where the sizes are not the official ones
     */
    public record Splits(ImageList train, Optional<ImageList> validation, ImageList test, List<String> warnings) {}

    /**
     * Reads the split files from {@code dataDir/<directory>/}.
     *
     * @throws DatasetNotFoundException naming every missing split file and the directory searched
     */
    public Splits read(Path dataDir) throws IOException {
        Path root = dataDir.resolve(directory);
        List<String> missing = new ArrayList<>();
        for (String file : files()) {
            if (!Files.isRegularFile(root.resolve(file))) {
                missing.add(file);
            }
        }
        if (!missing.isEmpty()) {
            String state = Files.isDirectory(root) ? "" : " (the directory does not exist)";
            throw new DatasetNotFoundException(root.toString(), missing, name + ": missing " + String.join(", ", missing)
                    + " in " + root.toAbsolutePath() + state + ". Put the official split files there with the image "
                    + "tree their paths start from (links are fine), or point tailbench.data.dir at a directory "
                    + "holding " + directory + "/.");
        }
        ImageList train = read(root, trainFile);
        Optional<ImageList> validation = validationFile == null ? Optional.empty()
                : Optional.of(read(root, validationFile));
        ImageList test = read(root, testFile);
        List<String> warnings = new ArrayList<>();
        check(warnings, train, officialTrain);
        validation.ifPresent(v -> check(warnings, v, officialValidation));
        check(warnings, test, officialTest);
        return new Splits(train, validation, test, warnings);
    }

    /** The split files this data set needs. */
    public List<String> files() {
        List<String> files = new ArrayList<>(List.of(trainFile));
        if (validationFile != null) {
            files.add(validationFile);
        }
        files.add(testFile);
        return files;
    }

    private ImageList read(Path root, String file) throws IOException {
        Path path = root.resolve(file);
        ImageList list = file.endsWith(".json") ? CocoAnnotations.read(path, root)
                : ImageListFile.read(path, root, classCount);
        if (list.classCount() != classCount) {
            throw new DatasetFormatException(path, list.classCount() + " categories, "
                    + name + " has " + classCount);
        }
        return list;
    }

    private void check(List<String> warnings, ImageList list, int official) {
        if (list.size() != official) {
            warnings.add(list.source() + " lists " + list.size() + " images, the official file " + official
                    + ": this is not the official " + name + " split, and published figures do not apply to it");
        }
    }
}
