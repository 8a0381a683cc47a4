package dev.tailbench.engine.discovery;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.tailbench.api.Combination;
import dev.tailbench.engine.TailbenchConfiguration;
import dev.tailbench.engine.descriptor.CombinationDescriptor;
import dev.tailbench.engine.descriptor.ExperimentDescriptor;
import dev.tailbench.engine.descriptor.SeedDescriptor;
import dev.tailbench.engine.descriptor.SeedsDescriptor;

import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves class, method and unique-id selectors to experiment, combination and seed descriptors.
 * Package, class-path-root and module selectors arrive here as class selectors through the
 * engine's class container resolver. A parent resolved on behalf of a child is not expanded, so
 * selecting one combination (or one seed) runs just that one.
 */
public final class ExperimentSelectorResolver implements SelectorResolver {

    private final TailbenchConfiguration configuration;
    private final DiscoveryIssueReporter issueReporter;
    private final Map<Class<?>, ExperimentDeclaration> declarations = new ConcurrentHashMap<>();

    public ExperimentSelectorResolver(TailbenchConfiguration configuration, DiscoveryIssueReporter issueReporter) {
        this.configuration = configuration;
        this.issueReporter = issueReporter;
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        Class<?> candidate = selector.getJavaClass();
        if (!ExperimentDeclaration.isExperiment(candidate)) {
            return unresolved();
        }
        return context.addToParent(parent -> Optional.of(experiment(parent, candidate)))
                .map(descriptor -> Resolution.match(Match.exact(descriptor, combinationSelectors(descriptor))))
                .orElse(unresolved());
    }

    @Override
    public Resolution resolve(MethodSelector selector, Context context) {
        Class<?> candidate = selector.getJavaClass();
        Method method = selector.getJavaMethod();
        if (!ExperimentDeclaration.isExperiment(candidate) || !method.isAnnotationPresent(Combination.class)) {
            return unresolved();
        }
        if (method.getParameterCount() == 0) {
            return combination(context, () -> selectClass(candidate), method.getName());
        }
        // A swept method: every combination of its value sets.
        Set<Match> matches = new LinkedHashSet<>();
        for (String name : declaration(candidate).combinationNamesOf(method)) {
            combination(context, () -> selectClass(candidate), name).getMatches().forEach(matches::add);
        }
        return matches.isEmpty() ? unresolved() : Resolution.matches(matches);
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId uniqueId = selector.getUniqueId();
        List<UniqueId.Segment> segments = uniqueId.getSegments();
        if (segments.size() < 2 || !segments.get(1).getType().equals(ExperimentDescriptor.SEGMENT_TYPE)) {
            return unresolved();
        }
        Optional<Class<?>> experimentClass = ReflectionSupport.tryToLoadClass(segments.get(1).getValue()).toOptional()
                .filter(ExperimentDeclaration::isExperiment);
        if (experimentClass.isEmpty()) {
            return unresolved();
        }
        if (segments.size() == 2) {
            return resolve(selectClass(experimentClass.get()), context);
        }
        UniqueId.Segment combinationSegment = segments.get(2);
        if (!combinationSegment.getType().equals(CombinationDescriptor.SEGMENT_TYPE)) {
            return unresolved();
        }
        if (segments.size() == 3) {
            return combination(context, () -> selectClass(experimentClass.get()), combinationSegment.getValue());
        }
        UniqueId.Segment seedSegment = segments.get(3);
        UniqueId combinationId = uniqueId.removeLastSegment();
        if (segments.size() == 4 && seedSegment.getType().equals(SeedsDescriptor.SEGMENT_TYPE)
                && seedSegment.getValue().equals(SeedsDescriptor.SEGMENT_VALUE)) {
            return context.addToParent(() -> selectUniqueId(combinationId), this::seeds)
                    .map(descriptor -> Resolution.match(Match.exact(descriptor)))
                    .orElse(unresolved());
        }
        if (segments.size() > 4 || !seedSegment.getType().equals(SeedDescriptor.SEGMENT_TYPE)) {
            return unresolved();
        }
        return context.addToParent(() -> selectUniqueId(combinationId), parent -> seed(parent, seedSegment.getValue()))
                .map(descriptor -> Resolution.match(Match.exact(descriptor)))
                .orElse(unresolved());
    }

    private Resolution combination(Context context, Supplier<DiscoverySelector> parentSelector, String name) {
        return context.addToParent(parentSelector, parent -> combination(parent, name))
                .map(descriptor -> Resolution.match(Match.exact(descriptor, seedSelectors(descriptor))))
                .orElse(unresolved());
    }

    private ExperimentDescriptor experiment(TestDescriptor parent, Class<?> experimentClass) {
        return new ExperimentDescriptor(parent.getUniqueId(), declaration(experimentClass));
    }

    private ExperimentDeclaration declaration(Class<?> experimentClass) {
        return declarations.computeIfAbsent(experimentClass, type -> {
            ExperimentDeclaration read = ExperimentDeclaration.read(type, configuration);
            read.classProblems().forEach(problem -> issueReporter.reportIssue(problem.toIssue()));
            return read;
        });
    }

    private Optional<CombinationDescriptor> combination(TestDescriptor parent, String name) {
        if (!(parent instanceof ExperimentDescriptor experiment)) {
            return Optional.empty();
        }
        ExperimentDeclaration declaration = experiment.declaration();
        Optional<Method> method = declaration.combinationMethod(name);
        if (!declaration.classProblems().isEmpty() || method.isEmpty()) {
            return Optional.empty();
        }
        declaration.combinationProblem(name).ifPresent(problem -> issueReporter.reportIssue(problem.toIssue()));
        return Optional.of(new CombinationDescriptor(experiment.combinationId(name), declaration, name, method.get()));
    }

    private Optional<SeedDescriptor> seed(TestDescriptor parent, String seedValue) {
        if (!(parent instanceof CombinationDescriptor combination) || !combination.hasSeedChildren()) {
            return Optional.empty();
        }
        ExperimentDescriptor experiment = (ExperimentDescriptor) combination.getParent().orElseThrow();
        try {
            long seed = Long.parseLong(seedValue);
            if (!experiment.declaration().seeds().contains(seed)) {
                return Optional.empty();
            }
            return Optional.of(new SeedDescriptor(combination, experiment.declaration(), seed));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<SeedsDescriptor> seeds(TestDescriptor parent) {
        if (!(parent instanceof CombinationDescriptor combination) || !combination.hasSeedChildren()) {
            return Optional.empty();
        }
        ExperimentDescriptor experiment = (ExperimentDescriptor) combination.getParent().orElseThrow();
        return Optional.of(new SeedsDescriptor(combination, experiment.declaration()));
    }

    private static Supplier<Set<? extends DiscoverySelector>> combinationSelectors(ExperimentDescriptor experiment) {
        return () -> {
            ExperimentDeclaration declaration = experiment.declaration();
            Set<DiscoverySelector> selectors = new LinkedHashSet<>();
            // A swept method's combinations by unique id: its method selector would select them all.
            declaration.declaredCombinationNames().forEach(name -> {
                Method method = declaration.combinationMethod(name).orElseThrow();
                selectors.add(name.equals(method.getName()) ? selectMethod(declaration.experimentClass(), method)
                        : selectUniqueId(experiment.combinationId(name)));
            });
            return selectors;
        };
    }

    private static Supplier<Set<? extends DiscoverySelector>> seedSelectors(CombinationDescriptor combination) {
        return () -> {
            if (!combination.hasSeedChildren()) {
                return Set.of();
            }
            ExperimentDescriptor experiment = (ExperimentDescriptor) combination.getParent().orElseThrow();
            Set<DiscoverySelector> selectors = new LinkedHashSet<>();
            experiment.declaration().seeds().forEach(seed -> selectors.add(selectUniqueId(
                    combination.getUniqueId().append(SeedDescriptor.SEGMENT_TYPE, Long.toString(seed)))));
            // Last, so that it runs after the seeds it summarises.
            selectors.add(selectUniqueId(combination.getUniqueId().append(SeedsDescriptor.SEGMENT_TYPE,
                    SeedsDescriptor.SEGMENT_VALUE)));
            return selectors;
        };
    }
}
