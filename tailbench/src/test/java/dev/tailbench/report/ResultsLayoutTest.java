package dev.tailbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The results directory's layout, which users' scripts and the table tools read. */
class ResultsLayoutTest {

    private final ResultsLayout layout = new ResultsLayout(Path.of("results"));

    @Test
    void everyFileHasItsDocumentedPlace() {
        assertThat(layout.result("Tour", "crossEntropy", 2)).isEqualTo(Path.of("results/Tour/crossEntropy/seed-2.json"));
        assertThat(layout.seedFile("Tour", "crossEntropy", 2, "checkpoint.zip"))
                .isEqualTo(Path.of("results/Tour/crossEntropy/seed-2-checkpoint.zip"));
        assertThat(layout.seeds("Tour", "focal[gamma=2]")).isEqualTo(Path.of("results/Tour/focal[gamma=2]/seeds.json"));
        assertThat(layout.sharedEpochs("ab12")).isEqualTo(Path.of("results/shared-epochs/ab12.zip"));
        assertThat(ResultsLayout.summaries(layout.experiment("Tour")))
                .containsExactly(Path.of("results/Tour/summary.md"), Path.of("results/Tour/summary.csv"));
    }

    @Test
    void aResultFileLeadsBackToItsExperimentAndRoot() {
        Path result = layout.result("Tour", "crossEntropy", 1);
        assertThat(ResultsLayout.experimentOf(result)).isEqualTo(Path.of("results/Tour"));
        assertThat(ResultsLayout.of(result)).isEqualTo(layout);
    }
}
