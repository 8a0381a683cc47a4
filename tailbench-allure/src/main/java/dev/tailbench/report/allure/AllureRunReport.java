package dev.tailbench.report.allure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.FixtureResult;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;

import dev.tailbench.api.TrickCatalogue;
import dev.tailbench.api.TrickSpec;
import dev.tailbench.report.RunResult;
import dev.tailbench.report.SeedsResult;
import dev.tailbench.report.StageRecord;
import dev.tailbench.report.chart.RunCharts;
import dev.tailbench.spec.RunSpec;

/**
 * Reports one run to the Allure test case that is current on this thread, when that test case is
 * the run's own test (Allure's {@value #UNIQUE_ID_LABEL} label names the JUnit unique id). Called
 * once per run, after its result file is written, whatever its verdict, so that a failed or aborted
 * run shows its curve and files too. A run started from inside another test (a Jupiter test that
 * runs the engine through EngineTestKit) is not reported, so that test's case is left as it is.
 */
public final class AllureRunReport {

    private static final String SUITE = "suite";
    private static final String SUB_SUITE = "subSuite";
    private static final String FEATURE = "feature";
    private static final String STORY = "story";

    /** The label allure-junit-platform gives each test case: the JUnit Platform unique id of its test. */
    static final String UNIQUE_ID_LABEL = "junit.platform.uniqueid";

    private AllureRunReport() {}

    /**
     * Reports {@code result} of {@code spec}, read from {@code resultFile}.
     *
     * @param uniqueId the JUnit Platform unique id of the run's test
     * @return the uuid of the Allure test case reported to; empty when the current case (if any)
     *     is not the run's test, and nothing was reported
     */
    public static Optional<String> report(String uniqueId, RunSpec spec, RunResult result, Path resultFile) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        Optional<String> current = currentCaseOf(lifecycle, uniqueId);
        if (current.isEmpty()) {
            return current;
        }
        Map<String, String> parameters = parameters(spec, result);
        Set<String> families = new LinkedHashSet<>();
        Set<String> tricks = new LinkedHashSet<>();
        // The papers each trick comes from, as the trick catalogue records them.
        Map<String, TrickCatalogue.Reference> links = new LinkedHashMap<>();
        links.put(TrickCatalogue.BAG_OF_TRICKS.url(), TrickCatalogue.BAG_OF_TRICKS);
        forEachTrick(result.recipe(), (slot, family, name) -> {
            families.add(family);
            tricks.add(slot + ": " + name);
            TrickCatalogue.find(family, name).map(TrickCatalogue.Entry::reference)
                    .ifPresent(reference -> links.put(reference.url(), reference));
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
        examplesImage(result, resultFile).ifPresent(image -> attach(CAM_EXAMPLES, "image/png", ".png", file(image)));
        return current;
    }

    /** Name of the attachment with the CAM-based sampling (or ImageTrans) examples. */
    public static final String CAM_EXAMPLES = "CAM sampling: original / CAM / mask / generated";

    /**
     * Attaches an experiment's summary table to the report as a tear-down of a container whose
     * children are the experiment's test cases, so that each run's page shows it under "Tear down".
     *
     * @param experiment the experiment's name
     * @param caseUuids  the Allure test cases of the experiment's runs and seed summaries
     * @param files      the summary files, e.g. {@code summary.md} and {@code summary.csv}
     * @return whether anything was written (nothing when no case was reported)
     */
    public static boolean reportExperimentSummary(String experiment, List<String> caseUuids, List<Path> files) {
        if (caseUuids.isEmpty()) {
            return false;
        }
        AllureLifecycle lifecycle = Allure.getLifecycle();
        FixtureResult fixture = new FixtureResult().setName("experiment summary: " + experiment)
                .setStatus(Status.PASSED).setStage(Stage.FINISHED);
        long now = System.currentTimeMillis();
        fixture.setStart(now).setStop(now);
        for (Path path : files) {
            String name = path.getFileName().toString();
            String type = name.endsWith(".csv") ? "text/csv" : name.endsWith(".md") ? "text/markdown" : "text/plain";
            String extension = name.substring(name.lastIndexOf('.'));
            // Named here, not by prepareAttachment: that also adds the attachment to the thread's
            // current test, and after the runs there is none ("Could not add attachment: no test
            // is running" on the console). The name follows Allure's own pattern.
            String source = UUID.randomUUID() + "-attachment" + extension;
            lifecycle.writeAttachment(source, new java.io.ByteArrayInputStream(file(path)));
            fixture.getAttachments().add(new Attachment().setName(name).setType(type).setSource(source));
        }
        // Built whole and written by uuid: the thread's current test case and step are not touched.
        String uuid = UUID.randomUUID().toString();
        TestResultContainer container = new TestResultContainer().setUuid(uuid).setName(experiment)
                .setChildren(new ArrayList<>(caseUuids)).setStart(now).setStop(now);
        container.getAfters().add(fixture);
        lifecycle.startTestContainer(container);
        lifecycle.stopTestContainer(uuid);
        lifecycle.writeTestContainer(uuid);
        return true;
    }

    /** The CAM examples grid a generating stage wrote next to the result, if it exists. */
    static Optional<Path> examplesImage(RunResult result, Path resultFile) {
        if (result.stages() == null) {
            return Optional.empty();
        }
        return result.stages().stream().map(StageRecord::details).filter(details -> details != null
                        && details.get(StageRecord.EXAMPLES_IMAGE) instanceof String)
                .map(details -> resultFile.resolveSibling(Path.of((String) details.get(StageRecord.EXAMPLES_IMAGE))
                        .getFileName()))
                .filter(Files::isRegularFile).findFirst();
    }

    /** The uuid of the current test case when it is the test with {@code uniqueId}. */
    private static Optional<String> currentCaseOf(AllureLifecycle lifecycle, String uniqueId) {
        Optional<String> current = lifecycle.getCurrentTestCase();
        if (current.isEmpty()) {
            return current;
        }
        boolean[] same = {false};
        lifecycle.updateTestCase(current.get(), testCase -> same[0] = testCase.getLabels().stream()
                .anyMatch(label -> UNIQUE_ID_LABEL.equals(label.getName()) && uniqueId.equals(label.getValue())));
        return same[0] ? current : Optional.empty();
    }

    /**
     * Reports a combination's summary over seeds to the current test case: the spread and the
     * paired test as parameters, the same labels as its seeds, and {@code seeds.json} attached.
     *
     * @param uniqueId the JUnit Platform unique id of the summary's test
     * @return the uuid of the Allure test case reported to; empty when the current case (if any)
     *     is not the summary's test
     */
    public static Optional<String> reportSeeds(String uniqueId, RunSpec anySeed, SeedsResult result, Path file) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        Optional<String> current = currentCaseOf(lifecycle, uniqueId);
        if (current.isEmpty()) {
            return current;
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
        return current;
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
        catch (RuntimeException | LinkageError | java.awt.AWTError e) {
            // A chart that cannot be drawn (bad data, or no usable AWT on this machine) must not
            // hide the run's verdict; the result file has the data.
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
