package dev.tailbench.tricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailbench.api.Losses;
import dev.tailbench.api.Mixups;
import dev.tailbench.api.TrickSpec;
import dev.tailbench.tricks.mixup.InputMixup;
import dev.tailbench.tricks.mixup.ManifoldMixup;
import dev.tailbench.tricks.mixup.NoMixup;
import dev.tailbench.tricks.mixup.Remix;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MixupFactoryTest {

    private static final int[] COUNTS = {50, 10, 2};

    @Test
    void noSpecMeansNoMixup() {
        assertThat(Tricks.mixup(null, COUNTS)).isInstanceOf(NoMixup.class);
    }

    @Test
    void eachSpecGetsItsObjectiveWithItsParameters() {
        assertThat(Tricks.mixup(Mixups.input(0.2), COUNTS)).isInstanceOf(InputMixup.class)
                .hasToString("input mixup (alpha 0.2)");
        assertThat(Tricks.mixup(Mixups.manifold(0.4, "layer2"), COUNTS)).isInstanceOf(ManifoldMixup.class)
                .hasToString("manifold mixup (alpha 0.4, at layer2)");
        assertThat(Tricks.mixup(Mixups.remix(), COUNTS)).isInstanceOf(Remix.class)
                .hasToString("remix (alpha 1.0, kappa 3.0, tau 0.5)");
    }

    @Test
    void otherFamiliesAndUnknownNamesAreRejected() {
        assertThatThrownBy(() -> Tricks.mixup(Losses.crossEntropy(), COUNTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mixup");
        assertThatThrownBy(() -> Tricks.mixup(new TrickSpec(Mixups.FAMILY, "cutmix", Map.of()), COUNTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cutmix");
    }
}
