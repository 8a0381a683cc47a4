package dev.tailbench.report.allure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Mixups;
import dev.tailbench.api.Recipe;
import dev.tailbench.api.Samplers;
import dev.tailbench.engine.Constants;
import dev.tailbench.engine.TailbenchTestEngine;
import dev.tailbench.engine.fixtures.TinyExperiment;
import dev.tailbench.engine.fixtures.TricksExperiment;
import dev.tailbench.report.chart.CamExampleGrid;
import dev.tailbench.report.RunResult;
import dev.tailbench.spec.Budget;
import dev.tailbench.spec.DataSpec;
import dev.tailbench.spec.RunSpec;
import dev.tailbench.spec.Schedule;
import dev.tailbench.spec.Stages;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs three combinations through a launcher with Allure's listener, as Surefire does, and reads
 * what Allure wrote: each run is a test case with its parameters, labels, links and attachments,
 * a CAM-based sampling run also has its examples grid, and each experiment's summary table is a
 * tear-down of its runs.
 */
class AllureRunReportTest {

    @TempDir
    static Path allureResults;

    @TempDir
    static Path results;

    private static AllureLifecycle previous;
    private static final Map<String, JsonNode> CASES = new HashMap<>();
    private static final List<JsonNode> CONTAINERS = new ArrayList<>();

    @BeforeAll
    static void runWithAllure() throws IOException {
        previous = Allure.getLifecycle();
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(allureResults));
        Allure.setLifecycle(lifecycle);
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(new AllureJunitPlatform(lifecycle)).build());
        // A passing run, a failing one (beatsBaselineByHundred: crossEntropy's recipe, so it continues
        // from crossEntropy's shared epochs and trains nothing itself) and one with CAM-based sampling.
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(TinyExperiment.class, "crossEntropy"), selectMethod(TinyExperiment.class, "beatsBaselineByHundred"),
                        selectMethod(TricksExperiment.class, "bagOfTricks"))
                .filters(EngineFilter.includeEngines(TailbenchTestEngine.ENGINE_ID))
                .configurationParameter(Constants.DATA_DIR, "")
                .configurationParameter(Constants.RESULTS_DIR, results.toString())
                .configurationParameter(Constants.PROGRESS, "false")
                .build());
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(allureResults)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
                JsonNode testCase = json.readTree(file.toFile());
                CASES.put(testCase.get("name").asText(), testCase);
            }
        }
        try (Stream<Path> files = Files.list(allureResults)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-container.json")).toList()) {
                CONTAINERS.add(json.readTree(file.toFile()));
            }
        }
    }

    @AfterAll
    static void restore() {
        Allure.setLifecycle(previous);
    }

    @Test
    void everyRunIsATestCaseWithItsVerdict() {
        assertThat(CASES).containsOnlyKeys("crossEntropy", "beatsBaselineByHundred", "bagOfTricks");
        assertThat(CASES.get("crossEntropy").get("status").asText()).isEqualTo("passed");
        assertThat(CASES.get("beatsBaselineByHundred").get("status").asText()).isEqualTo("failed");
        // passes its own budget; its CIFAR figure is reported as not applicable
        assertThat(CASES.get("bagOfTricks").get("status").asText()).isEqualTo("passed");
    }

    @Test
    void aCamBasedRunHasItsExamplesGridOneRowPerClass() throws IOException {
        Map<String, String> attachments = pairs(CASES.get("bagOfTricks").get("attachments"), "name", "source");
        assertThat(attachments).containsKey(AllureRunReport.CAM_EXAMPLES);
        BufferedImage grid = ImageIO.read(allureResults.resolve(attachments.get(AllureRunReport.CAM_EXAMPLES)).toFile());
        // Fashion-MNIST: 10 classes, each with generated images: one row each
        assertThat(new int[] {grid.getWidth(), grid.getHeight()}).containsExactly(CamExampleGrid.size(10, 28, 28));
        assertThat(CamExampleGrid.size(10, 28, 28)).isNotEqualTo(CamExampleGrid.size(9, 28, 28));
        assertThat(Files.list(results.resolve("dev.tailbench.engine.fixtures.TricksExperiment/bagOfTricks")).map(f -> f.getFileName().toString()))
                .contains("seed-1-cam-examples.png");
    }

    @Test
    void eachExperimentsSummaryIsATearDownOfItsRuns() throws IOException {
        Map<String, JsonNode> byName = new HashMap<>();
        CONTAINERS.stream().filter(c -> c.has("afters") && c.get("afters").size() > 0)
                .forEach(c -> byName.put(c.get("afters").get(0).get("name").asText(), c));
        assertThat(byName).containsOnlyKeys("experiment summary: TinyExperiment", "experiment summary: TricksExperiment");
        JsonNode tiny = byName.get("experiment summary: TinyExperiment");
        List<String> children = new ArrayList<>();
        tiny.get("children").forEach(child -> children.add(child.asText()));
        assertThat(children).containsExactlyInAnyOrder(CASES.get("crossEntropy").get("uuid").asText(),
                CASES.get("beatsBaselineByHundred").get("uuid").asText());
        Map<String, String> attachments = pairs(tiny.get("afters").get(0).get("attachments"), "name", "source");
        assertThat(attachments).containsOnlyKeys("summary.md", "summary.csv");
        assertThat(Files.readString(allureResults.resolve(attachments.get("summary.md"))))
                .contains("crossEntropy").contains("beatsBaselineByHundred");
        assertThat(Files.readString(allureResults.resolve(attachments.get("summary.csv"))))
                .isEqualTo(Files.readString(results.resolve("dev.tailbench.engine.fixtures.TinyExperiment/summary.csv")));
    }

    /** A run started from inside another test (EngineTestKit in a Jupiter test) leaves that test's case alone. */
    @Test
    void aRunInsideAnotherTestIsNotReportedToThatTest(@TempDir Path elsewhere) throws IOException {
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(elsewhere));
        AllureLifecycle saved = Allure.getLifecycle();
        Allure.setLifecycle(lifecycle);
        try {
            String uuid = "outer-test";
            lifecycle.scheduleTestCase(new io.qameta.allure.model.TestResult().setUuid(uuid).setName("outer")
                    .setLabels(new ArrayList<>(List.of(new io.qameta.allure.model.Label()
                            .setName(AllureRunReport.UNIQUE_ID_LABEL).setValue("[engine:junit-jupiter]/[class:Outer]")))));
            lifecycle.startTestCase(uuid);
            Path file = Files.list(results.resolve("dev.tailbench.engine.fixtures.TinyExperiment/crossEntropy"))
                    .filter(f -> f.getFileName().toString().equals("seed-1.json")).findFirst().orElseThrow();
            RunResult result = dev.tailbench.report.ResultStore.read(file);
            assertThat(AllureRunReport.report("[engine:tailbench]/[experiment:x]/[combination:crossEntropy]",
                    someSpec(), result, file)).isEmpty();
            assertThat(AllureRunReport.report("[engine:junit-jupiter]/[class:Outer]", someSpec(), result,
                    file)).contains(uuid);
            lifecycle.stopTestCase(uuid);
            lifecycle.writeTestCase(uuid);
        }
        finally {
            Allure.setLifecycle(saved);
        }
    }

    @Test
    void parametersHoldDataScheduleSeedAndTricks() {
        Map<String, String> parameters = pairs(CASES.get("crossEntropy").get("parameters"), "name", "value");
        assertThat(parameters).containsEntry("data set", "fashion-mnist").containsEntry("imbalance", "100")
                .containsEntry("subset variant", "tailbench").containsEntry("backbone", "resnet8")
                .containsEntry("epochs", "2").containsEntry("seed", "1").containsEntry("loss", "cross-entropy")
                .containsEntry("sampler", "instance-balanced").containsEntry("augmentation", "true")
                .containsKey("device");
    }

    @Test
    void labelsNameTheDataSetAsSuiteAndTheTrickFamiliesAsFeatures() {
        List<String> labels = new ArrayList<>();
        CASES.get("crossEntropy").get("labels").forEach(l -> labels.add(l.get("name").asText() + "=" + l.get("value").asText()));
        assertThat(labels).contains("suite=fashion-mnist", "subSuite=TinyExperiment", "feature=loss", "feature=sampler",
                "story=loss: cross-entropy");
        assertThat(labels.stream().filter(l -> l.startsWith("suite="))).hasSize(1);
        assertThat(pairs(CASES.get("crossEntropy").get("links"), "name", "url"))
                .containsEntry("Bag of Tricks (Zhang et al., AAAI 2021)", "https://cs.nju.edu.cn/wujx/paper/AAAI2021_Tricks.pdf");
    }

    @Test
    void attachmentsAreTheResultFileAndFourCharts() throws IOException {
        for (String name : List.of("crossEntropy", "beatsBaselineByHundred")) {
            Map<String, String> attachments = pairs(CASES.get(name).get("attachments"), "name", "source");
            assertThat(attachments).containsOnlyKeys("result JSON", "training curve",
                    "per-class accuracy against training images", "confusion matrix", "many / medium / few-shot accuracy");
            JsonNode result = new ObjectMapper().readTree(allureResults.resolve(attachments.get("result JSON")).toFile());
            assertThat(result.get("combination").asText()).isEqualTo(name);
            for (String chart : List.of("training curve", "per-class accuracy against training images",
                    "confusion matrix", "many / medium / few-shot accuracy")) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                        Files.readAllBytes(allureResults.resolve(attachments.get(chart)))));
                assertThat(image).as(chart).isNotNull();
                assertThat(image.getWidth()).as(chart).isEqualTo(900);
            }
        }
    }

    /**
     * The HTML report as a person sees it: built by Allure's generator, opened in headless Chromium,
     * the run's page shows its parameters and charts. Needs Debian's chromium and chromium-driver
     * ({@code .ci/install-browser.sh}); where they are missing the check is skipped, unless
     * {@code TAILBENCH_REQUIRE_BROWSER} is set (CI sets it), which makes that a failure.
     */
    @Test
    void theHtmlReportShowsEachRunWithItsParametersAndChartsInChromium(@TempDir Path report) throws IOException {
        if (!ReportBrowser.available()) {
            assertThat(System.getenv("TAILBENCH_REQUIRE_BROWSER")).as("TAILBENCH_REQUIRE_BROWSER is set but "
                    + ReportBrowser.CHROMIUM + " or " + ReportBrowser.CHROMEDRIVER + " is missing; run .ci/install-browser.sh")
                    .isNull();
            Assumptions.abort("chromium and chromium-driver are not installed (.ci/install-browser.sh)");
        }
        Path index = ReportBrowser.generate(allureResults, report);
        try (ReportBrowser browser = ReportBrowser.open()) {
            String page = browser.openTest(index, List.of("fashion-mnist", "TinyExperiment", "crossEntropy"));
            try {
                assertThat(page).contains("crossEntropy").contains("Parameters").contains("data set")
                        .contains("fashion-mnist").contains("loss").contains("cross-entropy").contains("seed")
                        .contains("Bag of Tricks (Zhang et al., AAAI 2021)").contains("result JSON")
                        .contains("training curve").contains("confusion matrix").contains("Tear down");
                assertThat(browser.openImages(List.of("training curve", "per-class accuracy against training images",
                        "confusion matrix", "many / medium / few-shot accuracy"))).isGreaterThanOrEqualTo(4);
                browser.expand("Tear down", "experiment summary: TinyExperiment");
                page = browser.expand("experiment summary: TinyExperiment", "summary.csv");
                assertThat(page).contains("summary.md");
            }
            finally {
                Files.createDirectories(Path.of("target"));
                browser.screenshot(Path.of("target/allure-report-screenshot.png"));
                Files.writeString(Path.of("target/allure-report-page.txt"), page);
                Files.writeString(Path.of("target/allure-report-page.html"), browser.html());
            }
            String cam = browser.openTest(index, List.of("fashion-mnist", "TricksExperiment", "bagOfTricks"));
            try {
                assertThat(cam).contains("bagOfTricks").contains("cam-based").contains(AllureRunReport.CAM_EXAMPLES);
                assertThat(browser.openImages(List.of(AllureRunReport.CAM_EXAMPLES))).isGreaterThanOrEqualTo(1);
            }
            finally {
                browser.screenshot(Path.of("target/allure-report-cam-screenshot.png"));
            }
        }
    }

    @Test
    void everyTrickHyperParameterIsAParameter() {
        Recipe recipe = Recipe.builder().optLoss(Losses.focal(2.0)).optMixup(Mixups.remix(1.0, 3.0, 0.5))
                .optDeferredSampler(Samplers.camBased("square-root", 0.75)).build();
        DataSpec data = new DataSpec("cifar-10", "/data", "exponential", 100, 0, "cao");
        Schedule schedule = new Schedule(200, 128, 0.1, 0.9, 2e-4, 5, 1 / 3.0, List.of(160, 180), 0.01);
        RunSpec spec = new RunSpec("x.Table", "bag", 3, data, "resnet32", schedule, recipe, Stages.single(200), "cpu",
                Budget.none());
        RunResult result = new RunResult(null, null, null, null, 3, null, recipe.describe(), null, null, 0, schedule,
                true, null, null, null, 0, 0, null, null, null, null, null, 0, 0, null, null, null, null);

        Map<String, String> parameters = AllureRunReport.parameters(spec, result);

        assertThat(parameters).containsEntry("loss", "focal").containsEntry("loss.gamma", "2")
                .containsEntry("mixup", "remix").containsEntry("mixup.alpha", "1").containsEntry("mixup.kappa", "3")
                .containsEntry("mixup.tau", "0.5").containsEntry("deferredSampler", "cam-based")
                .containsEntry("deferredSampler.base", "square-root").containsEntry("deferredSampler.thresholdFactor", "0.75")
                .containsEntry("subset variant", "cao").containsEntry("seed", "3").containsEntry("milestones", "[160, 180]");
    }

    private static RunSpec someSpec() {
        DataSpec data = new DataSpec("fashion-mnist", "", "exponential", 100, 0, "tailbench");
        Schedule schedule = new Schedule(2, 128, 0.1, 0.9, 2e-4, 0, 1 / 3.0, List.of(), 0.01);
        return new RunSpec("x.TinyExperiment", "crossEntropy", 1, data, "resnet8", schedule, Recipe.builder().build(),
                Stages.single(2), "cpu", Budget.none());
    }

    private static Map<String, String> pairs(JsonNode array, String key, String value) {
        Map<String, String> map = new HashMap<>();
        array.forEach(node -> map.put(node.get(key).asText(), node.get(value).asText()));
        return map;
    }
}
