package dev.tailbench.tricks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Mixups;
import dev.tailbench.api.Rebalancing;
import dev.tailbench.api.Samplers;
import dev.tailbench.api.TrickCatalogue;
import dev.tailbench.api.TrickCatalogue.Trait;
import dev.tailbench.api.TrickSpec;
import dev.tailbench.tricks.rebalance.ClassifierStage;
import dev.tailbench.tricks.sampling.Draws;

import org.junit.jupiter.api.Test;

/**
 * The catalogue, the factories and the implementations name the same tricks: a trick added in one
 * place and forgotten in another fails here, not in a user's run.
 */
class TrickCatalogueTest {

    private static final int[] COUNTS = {500, 150, 45, 14, 5};
    private static final int[] LABELS = Draws.labels(COUNTS);

    @Test
    void everyEntryIsBuiltByItsFactoryAsItsOwnTrick() {
        for (TrickCatalogue.Entry entry : TrickCatalogue.entries()) {
            TrickSpec spec = entry.example().get();
            assertThat(spec.family() + "/" + spec.name()).as(entry.key()).isEqualTo(entry.key());
        }
    }

    @Test
    void everyFactoryBuildsACataloguedTrick() throws Exception {
        Set<String> built = new HashSet<>();
        for (Class<?> factories : List.of(Losses.class, Samplers.class, Mixups.class, Rebalancing.class)) {
            for (Method method : factories.getMethods()) {
                if (Modifier.isStatic(method.getModifiers()) && method.getReturnType() == TrickSpec.class
                        && method.getParameterCount() == 0) {
                    TrickSpec spec = (TrickSpec) method.invoke(null);
                    assertThat(TrickCatalogue.find(spec.family(), spec.name())).as(factories.getSimpleName() + "."
                            + method.getName() + "()").isPresent();
                    built.add(spec.family() + "/" + spec.name());
                }
            }
        }
        // Every trick but those whose factory needs arguments has a no-argument factory.
        assertThat(built).containsAll(TrickCatalogue.entries().stream().map(TrickCatalogue.Entry::key)
                .filter(key -> !key.equals("loss/cost-sensitive-focal") && !key.equals("sampler/image-trans")).toList());
    }

    @Test
    void everyEntryHasAnImplementation() {
        for (TrickCatalogue.Entry entry : TrickCatalogue.entries()) {
            TrickSpec spec = entry.example().get().forDataset("cifar-10");
            Object implementation = switch (entry.family()) {
                case Losses.FAMILY -> Tricks.loss(spec, COUNTS);
                // Generating samplers are CamSampling's, which needs a trained network: their base draws classes.
                case Samplers.FAMILY -> entry.has(Trait.GENERATES_IMAGES)
                        ? Tricks.classProbabilities(new TrickSpec(Samplers.FAMILY, spec.word("base"), java.util.Map.of()),
                                COUNTS, 10)
                        : Tricks.sampler(spec, LABELS, COUNTS, 10);
                case Mixups.FAMILY -> Tricks.mixup(spec, COUNTS);
                case Rebalancing.FAMILY -> ClassifierStage.of(spec, 128, COUNTS);
                // The fine-tuning stage is the trainer's own third stage (run.Training, FineTuningSchedule).
                case Mixups.FINE_TUNING_FAMILY -> spec.parameter("epochs");
                default -> null;
            };
            assertThat(implementation).as(entry.key()).isNotNull();
        }
    }

    @Test
    void traitsDecideTheSetsTheFactoriesCheck() {
        assertThat(Samplers.GENERATING).containsExactlyInAnyOrder("cam-based", "image-trans");
        assertThat(Samplers.GENERATING_BASES).containsExactlyInAnyOrder("class-balanced", "square-root", "progressive");
        assertThat(TrickCatalogue.names(Losses.FAMILY, Trait.BALANCED_SCORES))
                .containsExactlyInAnyOrder("balanced-softmax", "logit-adjusted");
        assertThat(TrickCatalogue.names(Losses.FAMILY, Trait.COSINE_CLASSIFIER)).containsExactly("ldam");
        assertThat(TrickCatalogue.entries().stream().filter(entry -> entry.refusesMixup() != null)
                .map(TrickCatalogue.Entry::name)).containsExactlyInAnyOrder("equalization-v2", "class-rectification");
        assertThat(TrickCatalogue.entries().stream().filter(entry -> !entry.datasetDefaults().isEmpty())
                .map(TrickCatalogue.Entry::name))
                .containsExactlyInAnyOrder("class-balanced", "class-balanced-focal", "softmax-equalization");
    }
}
