package dev.tailbench.engine.discovery;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tailbench.api.Combination;
import dev.tailbench.api.ErrorBudget;
import dev.tailbench.api.LongTailExperiment;
import dev.tailbench.api.PaperResult;
import dev.tailbench.api.PaperRow;
import dev.tailbench.api.Recipe;
import dev.tailbench.data.DatasetInfo;
import dev.tailbench.data.Datasets;
import dev.tailbench.data.SubsetVariant;
import dev.tailbench.engine.Constants;
import dev.tailbench.engine.TailbenchConfiguration;
import dev.tailbench.spec.BackboneDepths;
import dev.tailbench.spec.Budget;
import dev.tailbench.spec.CombinationName;
import dev.tailbench.spec.DataSpec;
import dev.tailbench.spec.PaperFigure;
import dev.tailbench.spec.PaperTables;
import dev.tailbench.spec.RunPlanner;
import dev.tailbench.spec.RunSpec;
import dev.tailbench.spec.Schedule;
import dev.tailbench.spec.Stages;

import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestTag;

/**
 * An experiment class read and checked: its shared setting, its valid combinations (references
 * before the combinations that compare with them) and the problems found. Reading it invokes the
 * combination methods (cheap recipe builders) but loads no data and no native library.
 */
public final class ExperimentDeclaration {

    private static final Set<String> PROFILES = Set.of("exponential", "step");

    private final Class<?> experimentClass;
    private final TailbenchConfiguration configuration;
    private final List<DeclarationProblem> classProblems = new ArrayList<>();
    private final Map<String, DeclarationProblem> combinationProblems = new LinkedHashMap<>();
    private final Map<String, CombinationDeclaration> combinations = new LinkedHashMap<>();
    private final Map<String, Method> combinationMethods = new LinkedHashMap<>();
    private Set<String> tags = Set.of();
    private DataSpec data;
    private String backbone;
    private Schedule schedule;
    private List<Long> seeds = List.of();
    private RunPlanner planner;

    private ExperimentDeclaration(Class<?> experimentClass, TailbenchConfiguration configuration) {
        this.experimentClass = experimentClass;
        this.configuration = configuration;
    }

    /** Whether the class declares an experiment. */
    public static boolean isExperiment(Class<?> candidate) {
        return candidate.isAnnotationPresent(LongTailExperiment.class);
    }

    /** Reads and checks an experiment class. */
    public static ExperimentDeclaration read(Class<?> experimentClass, TailbenchConfiguration configuration) {
        ExperimentDeclaration declaration = new ExperimentDeclaration(experimentClass, configuration);
        declaration.readClass();
        if (declaration.classProblems.isEmpty()) {
            declaration.readCombinations();
            declaration.checkBaseline();
        }
        return declaration;
    }

    /**
     * The combination the summary table compares every other with: {@code baseline} when set,
     * else the one combination that all relative budgets name.
     */
    public Optional<String> baseline() {
        String declared = experimentClass.getAnnotation(LongTailExperiment.class).baseline();
        if (!declared.isEmpty()) {
            return combinations.containsKey(declared) ? Optional.of(declared) : Optional.empty();
        }
        Set<String> references = combinations.values().stream().map(CombinationDeclaration::reference)
                .filter(java.util.Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new));
        return references.size() == 1 ? Optional.of(references.iterator().next()) : Optional.empty();
    }

    /**
     * The declared combinations a combination's result is compared with: the one its relative
     * budget names and the experiment's baseline (declared, or the one combination all relative
     * budgets name), never itself. Read from the annotations of every declared combination, valid
     * or not, unlike {@link #baseline()}: a configuration that invalidates one combination (say,
     * a {@code tailbench.epochs} too short for its two stages) must not change which combinations
     * belong together, so that sharding keeps them in one shard whatever the configuration.
     */
    public Set<String> comparedWith(String combination) {
        Set<String> linked = new LinkedHashSet<>();
        reference(combination).ifPresent(linked::add);
        declaredBaseline().ifPresent(linked::add);
        linked.remove(combination);
        return linked;
    }

    private Optional<String> reference(String combination) {
        return Optional.ofNullable(combinationMethods.get(combination))
                .map(method -> method.getAnnotation(ErrorBudget.class)).map(ErrorBudget::notWorseThan)
                .filter(combinationMethods::containsKey);
    }

    private Optional<String> declaredBaseline() {
        String declared = experimentClass.getAnnotation(LongTailExperiment.class).baseline();
        if (!declared.isEmpty()) {
            return Optional.of(declared).filter(combinationMethods::containsKey);
        }
        Set<String> references = combinationMethods.keySet().stream().map(this::reference).flatMap(Optional::stream)
                .collect(Collectors.toSet());
        return references.size() == 1 ? Optional.of(references.iterator().next()) : Optional.empty();
    }

    private void checkBaseline() {
        String declared = experimentClass.getAnnotation(LongTailExperiment.class).baseline();
        if (!declared.isEmpty() && !combinationMethods.containsKey(declared)) {
            classProblem("@LongTailExperiment(baseline = \"" + declared + "\") names no combination; declared: "
                    + combinationMethods.keySet());
        }
    }

    public Class<?> experimentClass() {
        return experimentClass;
    }

    /** Problems with the class as a whole; when present, no combination is run. */
    public List<DeclarationProblem> classProblems() {
        return List.copyOf(classProblems);
    }

    /** The problem that keeps a combination from running, if any. */
    public Optional<DeclarationProblem> combinationProblem(String name) {
        return Optional.ofNullable(combinationProblems.get(name));
    }

    /** Names of the valid combinations, each after the combination it compares with. */
    public List<String> combinationNames() {
        return List.copyOf(combinations.keySet());
    }

    /** Names of every method annotated {@code @Combination}, valid or not, in declaration order. */
    public List<String> declaredCombinationNames() {
        return List.copyOf(combinationMethods.keySet());
    }

    /**
     * The names of the combinations a method declares, in order: its own name, or one per value set
     * of a swept method (with its own name alone when its sweep is broken).
     */
    public List<String> combinationNamesOf(Method method) {
        return combinationMethods.entrySet().stream().filter(entry -> entry.getValue().equals(method))
                .map(Map.Entry::getKey).toList();
    }

    /** The method behind a declared combination. */
    public Optional<Method> combinationMethod(String name) {
        return Optional.ofNullable(combinationMethods.get(name));
    }

    public Set<String> tags() {
        return tags;
    }

    /** Tags of a combination: the experiment's and its own. */
    public Set<String> tags(String combination) {
        Set<String> all = new LinkedHashSet<>(tags);
        Optional.ofNullable(combinations.get(combination)).ifPresent(c -> all.addAll(c.tags()));
        return all;
    }

    /** Seeds each combination runs with. */
    public List<Long> seeds() {
        return seeds;
    }

    /** The run of a valid combination and seed, its budget resolved. */
    public RunSpec runSpec(String combination, long seed) {
        CombinationDeclaration declared = combinations.get(combination);
        if (declared == null) {
            throw new IllegalArgumentException("no valid combination '" + combination + "' in " + experimentClass);
        }
        Budget budget = Budget.none(declared.paper());
        ErrorBudget annotation = declared.budget();
        if (annotation != null) {
            RunSpec reference = annotation.notWorseThan().isEmpty() ? null
                    : runSpec(annotation.notWorseThan(), seed).withoutBudget();
            budget = new Budget(annotation.max(), reference, annotation.margin(),
                    annotation.on().id(), declared.paper());
        }
        return new RunSpec(experimentClass.getName(), combination, seed, data, backbone, schedule,
                declared.recipe().forDataset(data.dataset()),
                declared.stages(), configuration.device(), budget);
    }

    private void readClass() {
        LongTailExperiment experiment = experimentClass.getAnnotation(LongTailExperiment.class);
        String where = "@LongTailExperiment";
        // tailbench.dataset / tailbench.backbone / tailbench.imbalance run a declared experiment at
        // another scale (e.g. the paper's CIFAR tables on Fashion-MNIST on a CPU) or on another
        // column of the paper's tables (CIFAR-100, imbalance 50).
        String datasetName = configuration.dataset().orElse(experiment.dataset());
        String backboneName = configuration.backbone().orElse(experiment.backbone());
        Optional<DatasetInfo> dataset = Datasets.find(datasetName);
        if (dataset.isEmpty()) {
            classProblem(configuration.dataset().isPresent()
                    ? "configuration parameter tailbench.dataset = \"" + datasetName + "\" names no known data set; known: "
                            + Datasets.names()
                    : where + "(dataset = \"" + datasetName + "\") names no known data set; known: " + Datasets.names());
        }
        double imbalance = configuration.imbalance().orElse(experiment.imbalance());
        if (configuration.imbalance().isEmpty()
                && (!(experiment.imbalance() >= 1) || Double.isInfinite(experiment.imbalance()))) {
            classProblem(where + "(imbalance = " + experiment.imbalance() + ") must be a finite number >= 1");
        }
        if (!PROFILES.contains(experiment.profile())) {
            classProblem(where + "(profile = \"" + experiment.profile() + "\") must be one of " + PROFILES);
        }
        String variantName = configuration.variant().orElse(experiment.variant());
        String variantSource = configuration.variant().isPresent()
                ? "configuration parameter " + Constants.VARIANT + " = \"" + variantName + "\""
                : where + "(variant = \"" + variantName + "\")";
        SubsetVariant variant = null;
        try {
            variant = SubsetVariant.of(variantName);
        }
        catch (IllegalArgumentException e) {
            classProblem(variantSource + " must be one of " + SubsetVariant.ids());
        }
        if (variant == SubsetVariant.CUI && !datasetName.equals(Datasets.CIFAR_10)
                && !datasetName.equals(Datasets.CIFAR_100)) {
            classProblem(variantSource + " reads Cui et al.'s long-tailed CIFAR files, which exist for "
                    + Datasets.CIFAR_10 + " and " + Datasets.CIFAR_100 + " only, not " + datasetName);
        }
        if (variant == SubsetVariant.CUI && !experiment.profile().equals("exponential")) {
            classProblem(variantSource + " holds exponential profiles only, not profile = \"" + experiment.profile()
                    + "\"");
        }
        if (variant == SubsetVariant.CAO && (experiment.dataSeed() < 0 || experiment.dataSeed() > 0xffffffffL)) {
            classProblem(variantSource + " seeds numpy with dataSeed, which must lie in [0, 2^32 - 1], not "
                    + experiment.dataSeed());
        }
        if (experiment.validationPerClass() < -1) {
            classProblem(where + "(validationPerClass = " + experiment.validationPerClass()
                    + ") must be >= 0, or -1 for the default");
        }
        if (experiment.validationPerClass() > 0 && variant != null && variant != SubsetVariant.TAILBENCH) {
            classProblem(where + "(validationPerClass = " + experiment.validationPerClass() + ") holds images out of the"
                    + " pool before tailbench's own draw; " + variantSource + " trains on the reference's fixed subset"
                    + " (its figures select on the test set, reported as best-on-test): use variant = \"tailbench\" or"
                    + " validationPerClass = 0");
        }
        if (experiment.epochs() <= 0) {
            classProblem(where + "(epochs = " + experiment.epochs() + ") must be positive");
        }
        if (experiment.batchSize() <= 0) {
            classProblem(where + "(batchSize = " + experiment.batchSize() + ") must be positive");
        }
        if (experiment.seeds().length == 0
                || Arrays.stream(experiment.seeds()).distinct().count() != experiment.seeds().length) {
            classProblem(where + "(seeds = " + Arrays.toString(experiment.seeds())
                    + ") must list at least one seed, each once");
        }
        if (!backboneName.isEmpty() && !BackboneDepths.isKnown(backboneName)) {
            classProblem((configuration.backbone().isPresent() ? "configuration parameter tailbench.backbone = \""
                    + backboneName + "\"" : where + "(backbone = \"" + backboneName + "\")") + " names no known backbone; known: "
                    + BackboneDepths.names());
        }
        if (!(experiment.learningRate() > 0) || Double.isInfinite(experiment.learningRate())) {
            classProblem(where + "(learningRate = " + experiment.learningRate() + ") must be positive");
        }
        if (!(experiment.momentum() >= 0 && experiment.momentum() < 1)) {
            classProblem(where + "(momentum = " + experiment.momentum() + ") must be in [0, 1)");
        }
        if (!(experiment.weightDecay() >= 0) || Double.isInfinite(experiment.weightDecay())) {
            classProblem(where + "(weightDecay = " + experiment.weightDecay() + ") must be >= 0");
        }
        if (!(experiment.lrDecay() > 0 && experiment.lrDecay() <= 1)) {
            classProblem(where + "(lrDecay = " + experiment.lrDecay() + ") must be in (0, 1]");
        }
        if (experiment.warmupEpochs() < -1) {
            classProblem(where + "(warmupEpochs = " + experiment.warmupEpochs() + ") must be >= 0, or -1 for the default");
        }
        int[] milestones = experiment.milestones();
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] <= 0 || milestones[i] > experiment.epochs() || (i > 0 && milestones[i] <= milestones[i - 1])) {
                classProblem(where + "(milestones = " + Arrays.toString(milestones)
                        + ") must increase strictly and lie in [1, epochs = " + experiment.epochs() + "]");
                break;
            }
        }
        Set<String> declaredTags = new LinkedHashSet<>();
        declaredTags.add(datasetName);
        declaredTags.addAll(Arrays.asList(experiment.tags()));
        checkTags(declaredTags, where + "(tags)", null);
        if (Modifier.isAbstract(experimentClass.getModifiers())) {
            classProblem("an experiment class must not be abstract");
        }
        if (experimentClass.isMemberClass() && !Modifier.isStatic(experimentClass.getModifiers())) {
            classProblem("an experiment class nested in another class must be static");
        }
        if (!classProblems.isEmpty()) {
            return;
        }
        tags = declaredTags;
        data = new DataSpec(datasetName, configuration.dataDir(), experiment.profile(),
                imbalance, experiment.dataSeed(), variant.id(),
                experiment.validationPerClass() == DataSpec.DEFAULT_VALIDATION && variant != SubsetVariant.TAILBENCH
                        ? 0 : experiment.validationPerClass());
        backbone = !backboneName.isEmpty() ? backboneName
                : dataset.get().height() >= 32 ? "resnet32" : "resnet8";
        planner = RunPlanner.of(new RunPlanner.Declared(experiment.epochs(), experiment.batchSize(),
                experiment.learningRate(), experiment.momentum(), experiment.weightDecay(), experiment.warmupEpochs(),
                experiment.milestones(), experiment.lrDecay()), configuration.epochs(), configuration.batchSize());
        schedule = planner.schedule();
        seeds = configuration.seeds().isEmpty()
                ? Arrays.stream(experiment.seeds()).boxed().toList() : configuration.seeds();
    }

    private void readCombinations() {
        // Reflection gives no declaration order; sorting by name keeps the tree stable and obvious.
        List<Method> methods = ReflectionSupport.findMethods(experimentClass,
                m -> m.isAnnotationPresent(Combination.class), HierarchyTraversalMode.TOP_DOWN).stream()
                .sorted(Comparator.comparing(Method::getName)).toList();
        if (methods.isEmpty()) {
            classProblem("declares no @Combination method");
            return;
        }
        // First every combination's name (a swept method declares several), so that a budget may
        // name any of them whatever the order.
        List<Map.Entry<Method, Sweep.Point>> points = new ArrayList<>();
        for (Method method : methods) {
            Optional<String> signatureProblem = signatureProblem(method);
            List<Sweep.Point> own = List.of();
            if (signatureProblem.isEmpty()) {
                try {
                    own = Sweep.points(method);
                }
                catch (IllegalArgumentException e) {
                    signatureProblem = Optional.of(e.getMessage());
                }
            }
            if (signatureProblem.isPresent()) {
                combinationMethods.put(method.getName(), method);
                combinationProblems.put(method.getName(),
                        new DeclarationProblem(experimentClass, method, signatureProblem.get()));
                continue;
            }
            for (Sweep.Point point : own) {
                combinationMethods.put(point.name(), method);
                points.add(Map.entry(method, point));
            }
        }
        Object instance = null;
        Map<String, CombinationDeclaration> unordered = new LinkedHashMap<>();
        for (Map.Entry<Method, Sweep.Point> declared : points) {
            Method method = declared.getKey();
            Sweep.Point point = declared.getValue();
            String name = point.name();
            String values = point.values().isEmpty() ? "" : "with " + name.substring(method.getName().length()) + ": ";
            if (!Modifier.isStatic(method.getModifiers()) && instance == null) {
                instance = instantiate();
                if (instance == null) {
                    return;
                }
            }
            Recipe recipe;
            try {
                method.setAccessible(true);
                recipe = (Recipe) method.invoke(Modifier.isStatic(method.getModifiers()) ? null : instance,
                        point.arguments());
            }
            catch (InvocationTargetException e) {
                combinationProblems.put(name, new DeclarationProblem(experimentClass, method,
                        values + "building the recipe failed: " + e.getCause()));
                continue;
            }
            catch (ReflectiveOperationException | RuntimeException e) {
                combinationProblems.put(name, new DeclarationProblem(experimentClass, method,
                        values + "could not be invoked: " + e));
                continue;
            }
            if (recipe == null) {
                combinationProblems.put(name, new DeclarationProblem(experimentClass, method, values + "returned no recipe (null)"));
                continue;
            }
            Set<String> ownTags = new LinkedHashSet<>(Arrays.asList(method.getAnnotation(Combination.class).tags()));
            if (!checkTags(ownTags, "@Combination(tags)", method, name)) {
                continue;
            }
            ErrorBudget budget = method.getAnnotation(ErrorBudget.class);
            Optional<String> budgetProblem = budget == null ? Optional.empty() : budgetProblem(budget, name);
            if (budgetProblem.isPresent()) {
                combinationProblems.put(name, new DeclarationProblem(experimentClass, method, values + budgetProblem.get()));
                continue;
            }
            Stages stages;
            List<PaperFigure> paper;
            try {
                stages = planner.stages(recipe);
                paper = paperFigures(method);
            }
            catch (IllegalArgumentException e) {
                combinationProblems.put(name, new DeclarationProblem(experimentClass, method, values + e.getMessage()));
                continue;
            }
            unordered.put(name, new CombinationDeclaration(name, method, recipe, budget, ownTags, stages, paper));
        }
        orderByReference(unordered);
    }

    private static final Set<String> PAPER_VARIANTS = Set.of("cui", "cao");

    private List<PaperFigure> paperFigures(Method method) {
        List<PaperFigure> figures = new ArrayList<>();
        for (PaperResult result : method.getAnnotationsByType(PaperResult.class)) {
            String where = "@PaperResult(dataset = \"" + result.dataset() + "\", imbalance = " + result.imbalance() + ")";
            if (Datasets.find(result.dataset()).isEmpty()) {
                throw new IllegalArgumentException(where + " names no known data set; known: " + Datasets.names());
            }
            if (!PAPER_VARIANTS.contains(result.variant())) {
                throw new IllegalArgumentException(where + ": variant = \"" + result.variant() + "\" must be one of "
                        + PAPER_VARIANTS.stream().sorted().toList());
            }
            if (!(result.imbalance() >= 1) || !(result.error() >= 0 && result.error() <= 100)
                    || !(result.tolerance() >= 0) || Double.isInfinite(result.tolerance()) || result.epochs() < 1) {
                throw new IllegalArgumentException(where + ": needs imbalance >= 1, error in [0, 100], tolerance >= 0"
                        + " and epochs >= 1; got error = " + result.error() + ", tolerance = " + result.tolerance()
                        + ", epochs = " + result.epochs());
            }
            if (!BackboneDepths.isKnown(result.backbone())) {
                throw new IllegalArgumentException(where + ": backbone = \"" + result.backbone()
                        + "\" names no known backbone; known: " + BackboneDepths.names());
            }
            if (result.source().isBlank()) {
                throw new IllegalArgumentException(where + ": source must say where the figure is published");
            }
            figures.add(new PaperFigure(result.dataset(), result.variant(), result.imbalance(), result.backbone(),
                    result.epochs(), result.error(), result.tolerance(), result.source()));
        }
        for (PaperRow row : method.getAnnotationsByType(PaperRow.class)) {
            String where = "@PaperRow(\"" + row.value() + "\")";
            if (!(row.tolerance() >= 0) || Double.isInfinite(row.tolerance())) {
                throw new IllegalArgumentException(where + ": tolerance = " + row.tolerance() + " must be >= 0");
            }
            try {
                figures.addAll(PaperTables.row(row.value()).figures(row.tolerance()));
            }
            catch (IllegalArgumentException | IllegalStateException e) {
                // An unknown id, or a shipped table that cannot be read: this combination's
                // problem, reported at discovery; the other combinations and classes still run.
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return figures;
    }

    private Optional<String> signatureProblem(Method method) {
        if (!Recipe.class.equals(method.getReturnType())) {
            return Optional.of("a @Combination method must return " + Recipe.class.getName() + ", but returns "
                    + method.getReturnType().getName());
        }
        if (Modifier.isPrivate(method.getModifiers())) {
            return Optional.of("a @Combination method must not be private");
        }
        return Optional.empty();
    }

    private Optional<String> budgetProblem(ErrorBudget budget, String name) {
        String where = "@ErrorBudget";
        boolean absolute = !Double.isNaN(budget.max());
        boolean relative = !budget.notWorseThan().isEmpty();
        if (!absolute && !relative) {
            return Optional.of(where + " sets neither max nor notWorseThan");
        }
        if (absolute && !(budget.max() >= 0 && budget.max() <= 100)) {
            return Optional.of(where + "(max = " + budget.max() + ") must be an error percentage in [0, 100]");
        }
        if (!Double.isFinite(budget.margin())) {
            return Optional.of(where + "(margin = " + budget.margin() + ") must be finite");
        }
        if (budget.on() == ErrorBudget.Epoch.VALIDATION && (data == null || !data.hasValidation())) {
            return Optional.of(where + "(on = VALIDATION) judges the epoch a validation split selects, but the"
                    + " experiment holds none out: remove @LongTailExperiment(validationPerClass = 0), or use the tailbench variant");
        }
        if (relative) {
            if (budget.notWorseThan().equals(name)) {
                return Optional.of(where + "(notWorseThan = \"" + name + "\") names the combination itself");
            }
            if (!combinationMethods.containsKey(budget.notWorseThan())) {
                List<String> sweptFrom = combinationMethods.keySet().stream()
                        .filter(declared -> CombinationName.method(declared).equals(budget.notWorseThan())
                                && !declared.equals(budget.notWorseThan()))
                        .toList();
                if (!sweptFrom.isEmpty()) {
                    return Optional.of(where + "(notWorseThan = \"" + budget.notWorseThan()
                            + "\") names a swept method: name one of its combinations, " + sweptFrom);
                }
                return Optional.of(where + "(notWorseThan = \"" + budget.notWorseThan()
                        + "\") names no @Combination method of " + experimentClass.getSimpleName() + "; combinations: "
                        + List.copyOf(combinationMethods.keySet()));
            }
        }
        return Optional.empty();
    }

    /**
     * Orders combinations so that each comes after the one it compares with; drops those whose
     * reference is itself invalid or part of a cycle, with a problem saying why.
     */
    private void orderByReference(Map<String, CombinationDeclaration> unordered) {
        boolean progress = true;
        while (progress && !unordered.isEmpty()) {
            progress = false;
            for (var iterator = unordered.values().iterator(); iterator.hasNext();) {
                CombinationDeclaration candidate = iterator.next();
                String reference = candidate.reference();
                if (reference == null || combinations.containsKey(reference)) {
                    combinations.put(candidate.name(), candidate);
                    iterator.remove();
                    progress = true;
                    // Start over so that a run comes right after its reference when names allow.
                    break;
                }
                else if (combinationProblems.containsKey(reference)) {
                    combinationProblems.put(candidate.name(), new DeclarationProblem(experimentClass, candidate.method(),
                            "@ErrorBudget(notWorseThan = \"" + reference + "\") names a combination that is invalid itself: "
                                    + combinationProblems.get(reference).message()));
                    iterator.remove();
                    progress = true;
                }
            }
        }
        String cycle = unordered.keySet().stream().sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "));
        for (CombinationDeclaration stuck : unordered.values()) {
            combinationProblems.put(stuck.name(), new DeclarationProblem(experimentClass, stuck.method(),
                    "@ErrorBudget(notWorseThan) references form a cycle among: " + cycle));
        }
    }

    private Object instantiate() {
        try {
            Constructor<?> constructor = experimentClass.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        }
        catch (NoSuchMethodException e) {
            classProblem("needs a constructor without parameters (its @Combination methods are instance methods)");
        }
        catch (InvocationTargetException e) {
            classProblem("the constructor failed: " + e.getCause());
        }
        catch (ReflectiveOperationException | RuntimeException e) {
            classProblem("could not be instantiated: " + e);
        }
        return null;
    }

    private boolean checkTags(Set<String> candidates, String where, Method method) {
        return checkTags(candidates, where, method, method == null ? null : method.getName());
    }

    private boolean checkTags(Set<String> candidates, String where, Method method, String combination) {
        List<String> invalid = candidates.stream().filter(tag -> !TestTag.isValid(tag)).toList();
        if (invalid.isEmpty()) {
            return true;
        }
        String message = where + " holds invalid tags " + invalid
                + " (no blanks, ISO control characters or any of , ( ) & | !)";
        if (method == null) {
            classProblem(message);
        }
        else {
            combinationProblems.put(combination, new DeclarationProblem(experimentClass, method, message));
        }
        return false;
    }

    private void classProblem(String message) {
        classProblems.add(new DeclarationProblem(experimentClass, null, message));
    }

    /** A valid combination. */
    record CombinationDeclaration(String name, Method method, Recipe recipe, ErrorBudget budget, Set<String> tags,
            Stages stages, List<PaperFigure> paper) {

        String reference() {
            return budget == null || budget.notWorseThan().isEmpty() ? null : budget.notWorseThan();
        }
    }
}
