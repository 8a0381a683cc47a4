package dev.tailbench.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The data sets tailbench knows, by name. */
public final class Datasets {

    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String MNIST = "mnist";
    public static final String CIFAR_10 = "cifar-10";
    public static final String CIFAR_100 = "cifar-100";

    private static final Map<String, DatasetInfo> KNOWN = known();

    private Datasets() {}

    /** The data set called {@code name}, if known. */
    public static Optional<DatasetInfo> find(String name) {
        return Optional.ofNullable(KNOWN.get(name));
    }

    /**
     * The data set called {@code name}.
     *
     * @throws IllegalArgumentException naming the known data sets if it is not one of them
     */
    public static DatasetInfo get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown data set '" + name + "', known: " + names()));
    }

    /** Names of the known data sets, in a fixed order. */
    public static Set<String> names() {
        return KNOWN.keySet();
    }

    private static Map<String, DatasetInfo> known() {
        Map<String, DatasetInfo> known = new LinkedHashMap<>();
        // Normalisation constants are the ones commonly used in the literature for each set.
        add(known, new DatasetInfo(FASHION_MNIST, 1, 28, 28, 10,
                List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                        "Sneaker", "Bag", "Ankle boot"),
                new double[] {0.2860}, new double[] {0.3530}, 4));
        add(known, new DatasetInfo(MNIST, 1, 28, 28, 10,
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                new double[] {0.1307}, new double[] {0.3081}, 4));
        add(known, new DatasetInfo(CIFAR_10, 3, 32, 32, 10, CifarBinaryReader.CIFAR_10_CLASSES,
                new double[] {0.4914, 0.4822, 0.4465}, new double[] {0.2023, 0.1994, 0.2010}, 4));
        // CIFAR-100 names are only known from fine_label_names.txt; the loader uses those.
        add(known, new DatasetInfo(CIFAR_100, 3, 32, 32, 100, IdxReader.classNames(100, null),
                new double[] {0.5071, 0.4865, 0.4409}, new double[] {0.2673, 0.2564, 0.2762}, 4));
        return java.util.Collections.unmodifiableMap(known);
    }

    private static void add(Map<String, DatasetInfo> known, DatasetInfo info) {
        known.put(info.name(), info);
    }
}
