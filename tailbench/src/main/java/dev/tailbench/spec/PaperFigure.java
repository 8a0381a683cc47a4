package dev.tailbench.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Stream;

import dev.tailbench.api.DatasetDefaults;
import dev.tailbench.api.TrickSpec;

/**
 * A published error and the protocol it was measured under, read from {@code @PaperResult}.
 *
 * @param dataset   data set of the published run
 * @param variant   how the long-tailed subset was drawn ({@code cui}, {@code cao})
 * @param imbalance imbalance factor
 * @param backbone  backbone
 * @param epochs    epochs
 * @param error     published top-1 error (%)
 * @param tolerance points a matching run may exceed it by
 * @param source    where it is published
 */
public record PaperFigure(String dataset, String variant, double imbalance, String backbone, int epochs, double error,
        double tolerance, String source) {

    /**
     * How a run's protocol differs from this figure's; empty when the figure applies to it.
     *
     * @param run the run
     * @return one phrase per difference, e.g. {@code epochs 30 (paper 200)}
     */
    public List<String> mismatches(RunSpec run) {
        List<String> differences = new ArrayList<>();
        if (!run.data().dataset().equals(dataset)) {
            differences.add("data set " + run.data().dataset() + " (paper " + dataset + ")");
        }
        if (!run.data().variant().equals(variant)) {
            differences.add("subset variant " + run.data().variant() + " (paper " + variant + ")");
        } else if (variant.equals("cao") && run.data().dataSeed() != 0) {
            differences.add("data seed " + run.data().dataSeed() + " (paper 0)");
        }
        if (run.data().imbalance() != imbalance) {
            differences.add(String.format(Locale.ROOT, "imbalance %s (paper %s)", number(run.data().imbalance()),
                    number(imbalance)));
        }
        if (!run.backbone().equals(backbone)) {
            differences.add("backbone " + run.backbone() + " (paper " + backbone + ")");
        }
        if (run.schedule().epochs() != epochs) {
            differences.add("epochs " + run.schedule().epochs() + " (paper " + epochs + ")");
        }
        // The paper's recipe sets some hyper-parameters per data set (class-balanced beta 0.9999 on
        // CIFAR-10, 0.9 on CIFAR-100): a run with another value is another protocol.
        Stream.of(run.recipe().loss(), run.recipe().deferredLoss()).filter(Objects::nonNull).distinct()
                .forEach(trick -> differences.addAll(hyperParameterDifferences(trick)));
        return differences;
    }

    private List<String> hyperParameterDifferences(TrickSpec trick) {
        List<String> differences = new ArrayList<>();
        for (String key : DatasetDefaults.parameters(trick.name())) {
            OptionalDouble paper = DatasetDefaults.published(trick.name(), key, dataset);
            if (paper.isPresent() && trick.parameter(key) != paper.getAsDouble()) {
                differences.add(trick.name() + " " + key + " " + number(trick.parameter(key)) + " (paper "
                        + number(paper.getAsDouble()) + " on " + dataset + ")");
            }
        }
        return differences;
    }

    /** The figure in one line, e.g. {@code 23.63% on cifar-10 cui IF 100, resnet32, 200 epochs}. */
    public String describe() {
        return String.format(Locale.ROOT, "%.2f%% on %s %s IF %s, %s, %d epochs [%s]", error, dataset, variant,
                number(imbalance), backbone, epochs, source);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
