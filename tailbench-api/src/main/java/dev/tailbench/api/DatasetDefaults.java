package dev.tailbench.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Hyper-parameters whose published value depends on the data set. The paper's CIFAR recipe uses
 * class-balanced beta 0.9999 on CIFAR-10 and 0.9 on CIFAR-100, and the softmax equalization loss
 * lambda 0.05 and 0.005 (Tan et al.'s classification settings). A factory called without such a
 * parameter (e.g. {@link Losses#classBalanced()}) marks it as following the data set; discovery
 * then sets it for the data set the run trains on, so that one table class runs the paper's recipe
 * on CIFAR-10 and CIFAR-100 alike ({@code tailbench.dataset}). A value passed explicitly is kept.
 *
 * <p>Data sets without a published value of their own (Fashion-MNIST, ImageNet-LT, the embedded
 * subset) get the CIFAR-10 value, the factories' documented default; the result JSON records the
 * value used. {@link #published} also tells a paper figure's protocol check which value the paper
 * used, so that a run with another value is not judged against it.
 */
public final class DatasetDefaults {

    /** The data set whose values the factories use when no other is known. */
    static final String CIFAR_10 = "cifar-10";

    private DatasetDefaults() {
    }

    /**
     * The value of a data-set-dependent parameter for a data set: its published value, or the
     * CIFAR-10 one where the data set has none.
     *
     * @throws IllegalArgumentException if the parameter does not depend on the data set
     */
    public static double value(String trick, String parameter, String dataset) {
        Map<String, Double> byDataset = entry(trick, parameter).orElseThrow(() -> new IllegalArgumentException(
                trick + " '" + parameter + "' has no data-set-dependent default"));
        return byDataset.getOrDefault(dataset, byDataset.get(CIFAR_10));
    }

    /** The value the paper's recipe used for this parameter on this data set, if it depends on it and is published. */
    public static OptionalDouble published(String trick, String parameter, String dataset) {
        return entry(trick, parameter).filter(values -> values.containsKey(dataset))
                .map(values -> OptionalDouble.of(values.get(dataset))).orElse(OptionalDouble.empty());
    }

    /** The parameters of a trick that depend on the data set. */
    public static List<String> parameters(String trick) {
        return TrickCatalogue.find(Losses.FAMILY, trick).map(entry -> List.copyOf(entry.datasetDefaults().keySet()))
                .orElse(List.of());
    }

    /** The published values of a loss's parameter by data set (the catalogue's), if it depends on the data set. */
    private static Optional<Map<String, Double>> entry(String trick, String parameter) {
        return TrickCatalogue.find(Losses.FAMILY, trick).map(entry -> entry.datasetDefaults().get(parameter));
    }
}
