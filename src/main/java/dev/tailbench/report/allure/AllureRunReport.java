package dev.tailbench.report.allure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.TestResult;

import dev.tailbench.api.TrickSpec;
import dev.tailbench.report.RunResult;
import dev.tailbench.report.SeedsResult;
import dev.tailbench.report.chart.RunCharts;
import dev.tailbench.spec.RunSpec;

/**
 * Reports one run to the Allure test case that is current on this thread. Called once per run,
 * after its result file is written, whatever its verdict, so that a failed or aborted run shows
 * its curve and files too.
 */
public final class AllureRunReport {

    private static final String SUITE = "suite";
    private static final String SUB_SUITE = "subSuite";
    private static final String FEATURE = "feature";
    private static final String STORY = "story";

    private AllureRunReport() {}

    /**
     * Reports {@code result} of {@code spec}, read from {@code resultFile}.
     *
     * @return whether a test case was current, i.e. whether anything was reported
     */
    public static boolean report(RunSpec spec, RunResult result, Path resultFile) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        if (lifecycle.getCurrentTestCase().isEmpty()) {
            return false;
        }
        Map<String, String> parameters = parameters(spec, result);
        Set<String> families = new LinkedHashSet<>();
        Set<String> tricks = new LinkedHashSet<>();
        Map<String, TrickReferences.Reference> links = new LinkedHashMap<>();
        links.put(TrickReferences.BAG_OF_TRICKS.url(), TrickReferences.BAG_OF_TRICKS);
        forEachTrick(result.recipe(), (slot, family, name) -> {
            families.add(family);
            tricks.add(slot + ": " + name);
            TrickReferences.Reference reference = TrickReferences.of(family, name);
            if (reference != null) {
                links.put(reference.url(), reference);
            }
        });
        lifecycle.updateTestCase(testCase -> {
            describe(testCase, spec, parameters, families);
            tricks.forEach(trick -> testCase.getLabels().add(label(STORY, trick)));
            links.values().forEach(link -> testCase.getLinks().add(new Link().setName(link.title()).setUrl(link.url())
                    .setType("paper")));
        });
        attach("result JSON", "application/json", ".json", file(resultFile));
        chart("training curve", RunCharts::trainingCurve, result);
        chart("per-class accuracy against training images", RunCharts::perClassAccuracy, result);
        chart("confusion matrix", RunCharts::confusionMatrix, result);
        chart("many / medium / few-shot accuracy", RunCharts::shotAccuracy, result);
        return true;
    }

    /**
     * Reports a combination's summary over seeds to the current test case: the spread and the
     * paired test as parameters, the same labels as its seeds, and {@code seeds.json} attached.
     *
     * @return whether a test case was current
     */
    public static boolean reportSeeds(RunSpec anySeed, SeedsResult result, Path file) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        if (lifecycle.getCurrentTestCase().isEmpty()) {
            return false;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("data set", anySeed.data().dataset());
        parameters.put("seeds", result.seeds().toString());
        parameters.put("last-epoch error mean %", String.format(Locale.ROOT, "%.2f", result.lastError().mean()));
        parameters.put("last-epoch error SD", String.format(Locale.ROOT, "%.2f", result.lastError().standardDeviation()));
        parameters.put(String.format(Locale.ROOT, "%.0f%% confidence interval", result.lastError().confidence() * 100),
                String.format(Locale.ROOT, "%.2f to %.2f", result.lastError().low(), result.lastError().high()));
        if (result.comparison() != null) {
            parameters.put("reference", result.reference());
            parameters.put("margin", String.format(Locale.ROOT, "%+.2f", result.comparison().margin()));
            parameters.put("mean difference", String.format(Locale.ROOT, "%+.2f", result.comparison().meanDifference()));
            parameters.put("p-value", String.format(Locale.ROOT, "%.4f", result.comparison().pValue()));
        }
        Set<String> families = new LinkedHashSet<>();
        forEachTrick(anySeed.recipe().describe(), (slot, family, name) -> families.add(family));
        lifecycle.updateTestCase(testCase -> describe(testCase, anySeed, parameters, families));
        attach("seeds JSON", "application/json", ".json", file(file));
        return true;
    }

    /** What runs and seed summaries share: parameters, the data set as suite, the experiment as sub-suite, families as features. */
    private static void describe(TestResult testCase, RunSpec spec, Map<String, String> parameters, Set<String> families) {
        parameters.forEach((name, value) -> testCase.getParameters().add(new Parameter().setName(name).setValue(value)));
        testCase.getLabels().removeIf(label -> label.getName().equals(SUITE) || label.getName().equals(SUB_SUITE));
        testCase.getLabels().add(label(SUITE, spec.data().dataset()));
        testCase.getLabels().add(label(SUB_SUITE, simpleName(spec.experiment())));
        families.forEach(family -> testCase.getLabels().add(label(FEATURE, family)));
    }

    /** Everything that defines the run, flat: data, backbone, schedule, seed, each trick and its parameters. */
    static Map<String, String> parameters(RunSpec spec, RunResult result) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("data set", spec.data().dataset());
        parameters.put("subset variant", spec.data().variant());
        parameters.put("imbalance", number(spec.data().imbalance()));
        parameters.put("profile", spec.data().profile());
        parameters.put("data seed", String.valueOf(spec.data().dataSeed()));
        parameters.put("backbone", spec.backbone());
        parameters.put("epochs", String.valueOf(spec.schedule().epochs()));
        parameters.put("batch size", String.valueOf(spec.schedule().batchSize()));
        parameters.put("learning rate", number(spec.schedule().learningRate()));
        parameters.put("weight decay", number(spec.schedule().weightDecay()));
        parameters.put("milestones", spec.schedule().milestones().toString());
        parameters.put("seed", String.valueOf(spec.seed()));
        for (Map.Entry<String, Object> entry : result.recipe().entrySet()) {
            if (entry.getValue() instanceof TrickSpec trick) {
                parameters.put(entry.getKey(), trick.name());
                trick.parameters().forEach((name, value) -> parameters.put(entry.getKey() + "." + name,
                        value instanceof Number n ? number(n.doubleValue()) : String.valueOf(value)));
            } else {
                parameters.put(entry.getKey(), String.valueOf(entry.getValue()));
            }
        }
        if (result.device() != null) {
            parameters.put("device", result.device().used() + " (" + result.device().description() + ")");
        }
        return parameters;
    }

    private interface TrickVisitor {
        void visit(String slot, String family, String name);
    }

    private static void forEachTrick(Map<String, Object> recipe, TrickVisitor visitor) {
        recipe.forEach((slot, value) -> {
            if (value instanceof TrickSpec trick) {
                visitor.visit(slot, trick.family(), trick.name());
            }
        });
    }

    private static void attach(String name, String type, String extension, byte[] content) {
        if (content != null) {
            Allure.getLifecycle().addAttachment(name, type, extension, content);
        }
    }

    private static void chart(String name, Function<RunResult, byte[]> chart, RunResult result) {
        byte[] png;
        try {
            png = chart.apply(result);
        }
        catch (RuntimeException e) {
            // A chart that cannot be drawn must not hide the run's verdict; the result file has the data.
            attach(name + " (not drawn)", "text/plain", ".txt", ("could not draw this chart: " + e)
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        attach(name, "image/png", ".png", png);
    }

    private static byte[] file(Path path) {
        try {
            return Files.readAllBytes(path);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not read the result file " + path + " for the Allure report", e);
        }
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String number(double value) {
        return Double.isFinite(value) ? new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros()
                .toPlainString() : String.valueOf(value);
    }
}
