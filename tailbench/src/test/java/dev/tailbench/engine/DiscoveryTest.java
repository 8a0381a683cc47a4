package dev.tailbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tailbench.engine.discovery.ExperimentDeclaration;
import dev.tailbench.engine.fixtures.BrokenExperiments;
import dev.tailbench.engine.fixtures.SeededExperiment;
import dev.tailbench.engine.fixtures.SubsetVariantExperiments;
import dev.tailbench.engine.fixtures.TinyExperiment;
import dev.tailbench.spec.DataSpec;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class DiscoveryTest {

    private static final UniqueId ENGINE = UniqueId.forEngine(TailbenchTestEngine.ENGINE_ID);
    private static final UniqueId TINY = ENGINE.append("experiment", TinyExperiment.class.getName());

    private static EngineDiscoveryResults discover(DiscoverySelector... selectors) {
        return EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID).selectors(selectors).discover();
    }

    private static Set<String> ids(TestDescriptor root) {
        return root.getDescendants().stream().map(d -> d.getUniqueId().toString()).collect(Collectors.toSet());
    }

    @Test
    void classSelectorBuildsExperimentWithCombinationsInReferenceOrder() {
        TestDescriptor root = discover(selectClass(TinyExperiment.class)).getEngineDescriptor();

        assertThat(root.getChildren()).hasSize(1);
        TestDescriptor experiment = root.getChildren().iterator().next();
        assertThat(experiment.getUniqueId()).isEqualTo(TINY);
        assertThat(experiment.getSource()).contains(ClassSource.from(TinyExperiment.class));
        assertThat(experiment.getChildren()).extracting(TestDescriptor::getDisplayName)
                .containsExactly("crossEntropy", "beatsBaselineByHundred", "impossible", "noAugmentation");
        TestDescriptor impossible = experiment.getChildren().stream()
                .filter(d -> d.getDisplayName().equals("impossible")).findFirst().orElseThrow();
        assertThat(impossible.getUniqueId()).isEqualTo(TINY.append("combination", "impossible"));
        assertThat(impossible.isTest()).isTrue();
        assertThat(impossible.getSource()).get().isInstanceOfSatisfying(MethodSource.class,
                source -> assertThat(source.getMethodName()).isEqualTo("impossible"));
        assertThat(impossible.getTags()).containsExactlyInAnyOrder(TestTag.create("fashion-mnist"),
                TestTag.create("tiny"), TestTag.create("doomed"));
    }

    @Test
    void referenceIsOrderedBeforeTheCombinationComparedWithIt() {
        TestDescriptor experiment = discover(selectMethod(TinyExperiment.class, "noAugmentation"),
                selectMethod(TinyExperiment.class, "crossEntropy")).getEngineDescriptor().getChildren().iterator().next();
        assertThat(experiment.getChildren()).extracting(TestDescriptor::getDisplayName)
                .containsExactly("crossEntropy", "noAugmentation");
    }

    @Test
    void methodSelectorSelectsOneCombination() {
        TestDescriptor root = discover(selectMethod(TinyExperiment.class, "impossible")).getEngineDescriptor();
        assertThat(ids(root)).containsExactlyInAnyOrder(TINY.toString(),
                TINY.append("combination", "impossible").toString());
    }

    @Test
    void uniqueIdSelectorsResolveEachLevel() {
        assertThat(ids(discover(selectUniqueId(TINY)).getEngineDescriptor())).hasSize(5);
        assertThat(ids(discover(selectUniqueId(TINY.append("combination", "crossEntropy"))).getEngineDescriptor()))
                .containsExactlyInAnyOrder(TINY.toString(), TINY.append("combination", "crossEntropy").toString());

        UniqueId seeded = ENGINE.append("experiment", SeededExperiment.class.getName()).append("combination",
                "crossEntropy");
        assertThat(ids(discover(selectUniqueId(seeded.append("seed", "8"))).getEngineDescriptor()))
                .containsExactlyInAnyOrder(seeded.removeLastSegment().toString(), seeded.toString(),
                        seeded.append("seed", "8").toString());
        assertThat(ids(discover(selectUniqueId(seeded.append("seed", "9"))).getEngineDescriptor())).isEmpty();
        assertThat(ids(discover(selectUniqueId(seeded.append("seeds", "all"))).getEngineDescriptor()))
                .containsExactlyInAnyOrder(seeded.removeLastSegment().toString(), seeded.toString(),
                        seeded.append("seeds", "all").toString());
    }

    @Test
    void severalSeedsMakeOneTestPerSeed() {
        TestDescriptor combination = discover(selectClass(SeededExperiment.class)).getEngineDescriptor().getChildren()
                .iterator().next().getChildren().iterator().next();
        assertThat(combination.isContainer()).isTrue();
        assertThat(combination.getChildren()).extracting(TestDescriptor::getDisplayName)
                .containsExactly("seed 7", "seed 8", "seeds 7, 8: spread and paired test");
        assertThat(combination.getChildren())
                .allSatisfy(seed -> assertThat(seed.getSource()).isEqualTo(combination.getSource()));
    }

    @Test
    void seedsOverrideChangesTheTree() {
        TestDescriptor root = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.SEEDS, "1,2,3").selectors(selectClass(TinyExperiment.class))
                .discover().getEngineDescriptor();
        TestDescriptor combination = root.getChildren().iterator().next().getChildren().iterator().next();
        assertThat(combination.getChildren()).extracting(TestDescriptor::getDisplayName)
                .containsExactly("seed 1", "seed 2", "seed 3", "seeds 1, 2, 3: spread and paired test");
    }

    @Test
    void packageAndClasspathRootSelectorsFindExperiments() {
        TestDescriptor byPackage = discover(selectPackage("dev.tailbench.engine.fixtures")).getEngineDescriptor();
        assertThat(byPackage.getChildren()).extracting(d -> d.getUniqueId().getLastSegment().getValue())
                .contains(TinyExperiment.class.getName(), SeededExperiment.class.getName(),
                        BrokenExperiments.UnknownDataset.class.getName());

        Path testClasses = Path.of("tailbench/target/test-classes").toAbsolutePath();
        TestDescriptor byRoot = discover(selectClasspathRoots(Set.of(testClasses)).toArray(DiscoverySelector[]::new))
                .getEngineDescriptor();
        assertThat(byRoot.getChildren()).extracting(d -> d.getUniqueId().getLastSegment().getValue())
                .contains(TinyExperiment.class.getName());
    }

    @Test
    void nonExperimentClassesAreIgnored() {
        EngineDiscoveryResults results = discover(selectClass(DiscoveryTest.class));
        assertThat(results.getEngineDescriptor().getChildren()).isEmpty();
        assertThat(results.getDiscoveryIssues()).isEmpty();
    }

    @Test
    void unknownDataSetIsReportedNamingClassAndAnnotation() {
        EngineDiscoveryResults results = discover(selectClass(BrokenExperiments.UnknownDataset.class));
        assertThat(results.getDiscoveryIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.message()).contains(BrokenExperiments.UnknownDataset.class.getName())
                    .contains("dataset = \"imagenet-21k\"").contains("fashion-mnist");
            assertThat(issue.source()).contains(ClassSource.from(BrokenExperiments.UnknownDataset.class));
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
        });
        // The broken class stays in the tree as a test that fails, so the build goes red.
        assertThat(results.getEngineDescriptor().getChildren()).singleElement()
                .satisfies(d -> assertThat(d.isTest()).isTrue());
    }

    @Test
    void aBaselineThatNamesNoCombinationIsReportedWithTheDeclaredOnes() {
        assertThat(discover(selectClass(BrokenExperiments.MisspelledBaseline.class)).getDiscoveryIssues())
                .singleElement().extracting(DiscoveryIssue::message).asString()
                .contains("@LongTailExperiment(baseline = \"crossEntropie\") names no combination; declared: [crossEntropy]");
    }

    @Test
    void subsetVariantMistakesAreReportedNamingTheAnnotation() {
        assertThat(discover(selectClass(BrokenExperiments.CuiOnFashionMnist.class)).getDiscoveryIssues())
                .singleElement().extracting(DiscoveryIssue::message).asString()
                .contains("@LongTailExperiment(variant = \"cui\")")
                .contains("exist for cifar-10 and cifar-100 only, not fashion-mnist");
        assertThat(discover(selectClass(BrokenExperiments.UnknownVariant.class)).getDiscoveryIssues())
                .singleElement().extracting(DiscoveryIssue::message).asString()
                .contains("@LongTailExperiment(variant = \"ldam\") must be one of [tailbench, cao, cui]");
    }

    @Test
    void unknownPaperRowIsReportedNamingTheCombinationAndTheRowsOfItsTable() {
        assertThat(discover(selectClass(BrokenExperiments.UnknownPaperRow.class)).getDiscoveryIssues())
                .singleElement().extracting(DiscoveryIssue::message).asString()
                .startsWith(BrokenExperiments.UnknownPaperRow.class.getName() + "#balancedSoftmax()")
                .contains("@PaperRow(\"bag-of-tricks/cui/balanced-softmaks\")")
                .contains("names no row of the paper tables")
                .contains("bag-of-tricks/cui/balanced-softmax,");
    }

    @Test
    void variantOverrideIsNamedWhenItIsTheCause() {
        EngineDiscoveryResults results = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.VARIANT, "cui").selectors(selectClass(TinyExperiment.class))
                .discover();
        assertThat(results.getDiscoveryIssues()).singleElement().extracting(DiscoveryIssue::message).asString()
                .contains("configuration parameter tailbench.variant = \"cui\"").contains("not fashion-mnist");
    }

    @Test
    void negativeEpochsAreReported() {
        assertThat(discover(selectClass(BrokenExperiments.NegativeEpochs.class)).getDiscoveryIssues())
                .singleElement().extracting(DiscoveryIssue::message).asString().contains("epochs = -3")
                .contains("must be positive");
    }

    @Test
    void badCombinationsAreReportedAndTheGoodOneIsKept() {
        EngineDiscoveryResults results = discover(selectClass(BrokenExperiments.BadCombinations.class));
        List<String> messages = results.getDiscoveryIssues().stream().map(DiscoveryIssue::message).toList();
        String owner = BrokenExperiments.BadCombinations.class.getName();
        assertThat(messages).hasSize(4);
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith(owner + "#missingReference()")
                .contains("notWorseThan = \"baseline\"").contains("names no @Combination method"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith(owner + "#takesParameter()")
                .contains("parameter width (int) has no @Values"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith(owner + "#returnsString()")
                .contains("must return dev.tailbench.api.Recipe"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith(owner + "#throwsWhileBuilding()")
                .contains("gamma must be >= 0"));
        assertThat(results.getDiscoveryIssues()).allSatisfy(issue -> assertThat(issue.source())
                .get().isInstanceOf(MethodSource.class));
        assertThat(results.getEngineDescriptor().getDescendants()).extracting(TestDescriptor::getDisplayName)
                .contains("good");
    }

    @Test
    void referenceCycleIsReported() {
        assertThat(discover(selectClass(BrokenExperiments.Cycle.class)).getDiscoveryIssues())
                .hasSize(2).allSatisfy(issue -> assertThat(issue.message()).contains("cycle"));
    }

    @Test
    void oneBrokenExperimentDoesNotHideTheOthers() {
        EngineDiscoveryResults results = discover(selectClass(BrokenExperiments.UnknownDataset.class),
                selectClass(TinyExperiment.class));
        assertThat(results.getEngineDescriptor().getChildren()).hasSize(2);
        assertThat(results.getDiscoveryIssues()).hasSize(1);
    }

    @Test
    void meaninglessRecipesAreRefusedNamingCombinationAndReason() {
        EngineDiscoveryResults results = discover(selectClass(BrokenExperiments.MeaninglessRecipes.class));
        List<String> messages = results.getDiscoveryIssues().stream().map(DiscoveryIssue::message).toList();
        String owner = BrokenExperiments.MeaninglessRecipes.class.getName();
        assertThat(messages).hasSize(5);
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith(owner + "#negativeFocalGamma()")
                .contains("focal(gamma = -1.0) must be a finite number >= 0.0"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith(owner + "#camSamplerInFirstStage()")
                .contains("cam-based").contains("optDeferredSampler"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith(owner + "#fineTuneWithoutAnyMixup()")
                .contains("optMixup"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith(owner + "#deferralAfterTheLastEpoch()")
                .contains("optDeferralEpoch(10)").contains("epochs = 10"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith(owner + "#deferringTheSameLoss()")
                .contains("changes nothing"));
        assertThat(results.getEngineDescriptor().getDescendants()).anySatisfy(
                d -> assertThat(d.getUniqueId().toString()).endsWith("[combination:drsClassBalanced]"));
    }

    @Test
    void twoStageRecipeWithoutMilestoneNamesTheSetting() {
        assertThat(discover(selectClass(BrokenExperiments.DeferralWithoutMilestone.class)).getDiscoveryIssues())
                .singleElement().extracting(DiscoveryIssue::message).asString()
                .contains("#drw()").contains("optDeferralEpoch");
    }

    @Test
    void aValidationBudgetNeedsAValidationSplitAndAPaperSubsetRefusesOne() {
        assertThat(discover(selectClass(BrokenExperiments.ValidationBudgetWithoutSplit.class)).getDiscoveryIssues())
                .singleElement().extracting(DiscoveryIssue::message).asString()
                .contains("#crossEntropy()").contains("on = VALIDATION").contains("validationPerClass");
        assertThat(discover(selectClass(BrokenExperiments.ValidationOnPaperSubset.class)).getDiscoveryIssues())
                .singleElement().extracting(DiscoveryIssue::message).asString()
                .contains("validationPerClass = 20").contains("variant = \"cao\"").contains("best-on-test");
    }

    @Test
    void tailbenchsOwnDrawHoldsOutAValidationSplitByDefaultAndThePaperSubsetsDoNot() {
        TailbenchConfiguration defaults = new TailbenchConfiguration(null, Path.of("target/unused"), "cpu",
                OptionalInt.empty(), List.of(), OptionalInt.empty(), 1, false, "scaled", Optional.empty(),
                Optional.empty(), Optional.empty(), 0.05, Optional.empty(), OptionalDouble.empty());
        DataSpec own = ExperimentDeclaration.read(TinyExperiment.class, defaults).runSpec("crossEntropy", 1).data();
        assertThat(own.validationPerClass()).isEqualTo(DataSpec.DEFAULT_VALIDATION);
        assertThat(own.hasValidation()).isTrue();
        DataSpec cao = ExperimentDeclaration.read(SubsetVariantExperiments.Cao.class, defaults)
                .runSpec("crossEntropy", 1).data();
        assertThat(cao.validationPerClass()).isZero();
        assertThat(cao.hasValidation()).isFalse();
        DataSpec cui = ExperimentDeclaration.read(SubsetVariantExperiments.Cui.class, defaults)
                .runSpec("crossEntropy", 1).data();
        assertThat(cui.hasValidation()).isFalse();
    }

    @Test
    void dataSetAndBackboneOverridesRunAnExperimentAtAnotherScale() {
        EngineDiscoveryResults results = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATASET, "mnist")
                .configurationParameter(Constants.BACKBONE, "resnet20")
                .selectors(selectClass(TinyExperiment.class)).discover();
        assertThat(results.getDiscoveryIssues()).isEmpty();
        assertThat(results.getEngineDescriptor().getChildren()).singleElement()
                .satisfies(experiment -> assertThat(experiment.getTags()).contains(TestTag.create("mnist")));

        EngineDiscoveryResults unknown = EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                .configurationParameter(Constants.DATASET, "imagenet-21k")
                .selectors(selectClass(TinyExperiment.class)).discover();
        assertThat(unknown.getDiscoveryIssues()).singleElement().extracting(DiscoveryIssue::message).asString()
                .contains("tailbench.dataset = \"imagenet-21k\"");
    }

    @Test
    void theImbalanceOverrideRunsAnotherColumnOfATable() {
        TailbenchConfiguration fifty = new TailbenchConfiguration(null, Path.of("target/unused"), "cpu",
                OptionalInt.empty(), List.of(), OptionalInt.empty(), 1, false, "scaled", Optional.empty(),
                Optional.empty(), Optional.empty(), 0.05, Optional.empty(), OptionalDouble.of(50));
        ExperimentDeclaration declaration = ExperimentDeclaration.read(TinyExperiment.class, fifty);
        assertThat(declaration.classProblems()).isEmpty();
        assertThat(declaration.runSpec("crossEntropy", 1).data().imbalance()).isEqualTo(50.0);
    }

    @Test
    void aMalformedImbalanceOverrideFailsDiscoveryNamingTheKey() {
        for (String value : List.of("0.5", "fifty", "Infinity")) {
            assertThatThrownBy(() -> EngineTestKit.engine(TailbenchTestEngine.ENGINE_ID)
                    .configurationParameter(Constants.IMBALANCE, value).selectors(selectClass(TinyExperiment.class))
                    .discover())
                    .cause().hasMessage("Configuration parameter 'tailbench.imbalance' is '" + value
                            + "'; expected an imbalance factor n_max / n_min of at least 1, such as 50");
        }
    }
}
