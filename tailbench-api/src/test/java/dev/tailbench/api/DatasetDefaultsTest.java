package dev.tailbench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** The paper's per-data-set hyper-parameters follow the data set a run trains on, unless set explicitly. */
class DatasetDefaultsTest {

    @Test
    void classBalancedBetaIsThePapersValueForEachDataSet() {
        TrickSpec declared = Losses.classBalanced();
        assertThat(declared.parameter("beta")).isEqualTo(0.9999);
        assertThat(declared.forDataset("cifar-10").parameter("beta")).isEqualTo(0.9999);
        assertThat(declared.forDataset("cifar-100").parameter("beta")).isEqualTo(0.9);
        // no published value of its own: the CIFAR-10 one, as documented
        assertThat(declared.forDataset("fashion-mnist").parameter("beta")).isEqualTo(0.9999);
        assertThat(Losses.classBalancedFocal().forDataset("cifar-100").parameter("beta")).isEqualTo(0.9);
        assertThat(Losses.classBalancedFocal().forDataset("cifar-100").parameter("gamma")).isEqualTo(1.0);
    }

    @Test
    void softmaxEqualizationLambdaFollowsTheDataSet() {
        assertThat(Losses.softmaxEqualization().forDataset("cifar-10").parameter("lambda")).isEqualTo(0.05);
        assertThat(Losses.softmaxEqualization().forDataset("cifar-100").parameter("lambda")).isEqualTo(0.005);
        assertThat(Losses.softmaxEqualization().forDataset("cifar-100").parameter("gamma")).isEqualTo(0.9);
    }

    @Test
    void anExplicitValueIsKept() {
        assertThat(Losses.classBalanced(0.9999).forDataset("cifar-100").parameter("beta")).isEqualTo(0.9999);
        assertThat(Losses.softmaxEqualization(0.9, 0.05).forDataset("cifar-100").parameter("lambda")).isEqualTo(0.05);
        // and a default and an explicit value are different declarations, though equal on CIFAR-10
        assertThat(Losses.classBalanced()).isNotEqualTo(Losses.classBalanced(0.9999));
    }

    @Test
    void aRecipeResolvesEveryPhase() {
        Recipe recipe = Recipe.builder().optLoss(Losses.softmaxEqualization())
                .optDeferredLoss(Losses.classBalanced()).build().forDataset("cifar-100");
        assertThat(recipe.loss().parameter("lambda")).isEqualTo(0.005);
        assertThat(recipe.deferredLoss().parameter("beta")).isEqualTo(0.9);
        // the result JSON records the value, not the marker
        assertThat(recipe.describe().get("deferredLoss").toString()).isEqualTo("class-balanced{beta=0.9}");
    }

    @Test
    void theResultJsonRecordsTheValueAndNotTheMarker() throws Exception {
        // Results and fingerprints are written with Jackson: the same JSON as a spec with fixed values.
        assertThat(new ObjectMapper().writeValueAsString(Losses.classBalanced().forDataset("cifar-100")))
                .isEqualTo("{\"family\":\"loss\",\"name\":\"class-balanced\",\"parameters\":{\"beta\":0.9}}");
    }

    @Test
    void onlyKnownParametersCanFollowTheDataSet() {
        assertThatThrownBy(() -> Losses.focal().followingDataset("gamma"))
                .hasMessage("loss 'focal': parameter 'gamma' has no data-set-dependent default");
        assertThatThrownBy(() -> DatasetDefaults.value("focal", "gamma", "cifar-10"))
                .hasMessage("focal 'gamma' has no data-set-dependent default");
        assertThat(DatasetDefaults.published("class-balanced", "beta", "fashion-mnist")).isEmpty();
        assertThat(DatasetDefaults.published("class-balanced", "beta", "cifar-100")).hasValue(0.9);
    }
}
