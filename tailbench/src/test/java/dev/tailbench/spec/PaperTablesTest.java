package dev.tailbench.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.tailbench.data.Datasets;

import org.junit.jupiter.api.Test;

class PaperTablesTest {

    @Test
    void everyTableFileInReportsShipsAndLoads() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("reports/paper-tables"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5))).containsExactlyInAnyOrderElementsOf(PaperTables.TABLES);
        }
        assertThat(PaperTables.all()).hasSize(62);
        assertThat(PaperTables.all().values()).allSatisfy(row -> assertThat(row.errors())
                .allSatisfy(cell -> assertThat(Datasets.find(cell.dataset())).isPresent()));
    }

    @Test
    void aRowBecomesOneFigurePerDataSetAndImbalance() {
        PaperTables.Row row = PaperTables.row("bag-of-tricks/cui/bag-of-tricks");
        List<PaperFigure> figures = row.figures(0.5);
        assertThat(figures).extracting(PaperFigure::dataset, PaperFigure::imbalance, PaperFigure::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cifar-10", 100.0, 20.24),
                        org.assertj.core.groups.Tuple.tuple("cifar-10", 50.0, 16.44),
                        org.assertj.core.groups.Tuple.tuple("cifar-100", 100.0, 52.17),
                        org.assertj.core.groups.Tuple.tuple("cifar-100", 50.0, 47.98));
        assertThat(figures).allSatisfy(f -> {
            assertThat(f.variant()).isEqualTo("cui");
            assertThat(f.epochs()).isEqualTo(400);
            assertThat(f.backbone()).isEqualTo("resnet32");
            assertThat(f.tolerance()).isEqualTo(0.5);
            assertThat(f.source()).isEqualTo("BagofTricks-LT documents/trick_combination.md @2704f9b"
                    + " [bag-of-tricks/cui/bag-of-tricks]");
        });
        // A cell left empty in the paper is not a figure: softmax EQL has no cao CIFAR-10 figure.
        assertThat(PaperTables.row("bag-of-tricks/cao/softmax-equalization").figures(1))
                .extracting(PaperFigure::dataset).containsOnly("cifar-100");
    }

    /** The authors' own protocols (variant authors): figures to show, which no loadable subset matches. */
    @Test
    void beyondTheBagRowsCarryTheAuthorsProtocol() {
        PaperFigure balms = PaperTables.row("beyond-the-bag/authors/balms-cifar10").figures(1).get(0);
        assertThat(balms.error()).isEqualTo(17.8);
        assertThat(balms.imbalance()).isEqualTo(200.0);
        assertThat(balms.epochs()).isEqualTo(594);
        assertThat(balms.variant()).isEqualTo("authors");
        assertThat(dev.tailbench.data.SubsetVariant.values()).extracting(v -> v.toString().toLowerCase())
                .doesNotContain("authors");
        PaperFigure loss = PaperTables.row("beyond-the-bag/authors/logit-adjusted-loss-cifar100").figures(1).get(0);
        assertThat(loss.error()).isEqualTo(55.94);
        assertThat(loss.epochs()).isEqualTo(1419);
    }

    @Test
    void unknownIdNamesTheRowsOfItsTableAndVariant() {
        assertThatThrownBy(() -> PaperTables.row("bag-of-tricks/cao/foo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"bag-of-tricks/cao/foo\" names no row")
                .hasMessageContaining("bag-of-tricks/cao/cross-entropy")
                .hasMessageNotContaining("bag-of-tricks/cui/");
    }

    @Test
    void malformedTablesAreRefusedNamingTheRow() {
        String row = "{\"id\": \"t/cui/x\", \"trick\": \"x\", \"variant\": \"%s\", \"backbone\": \"resnet32\","
                + " \"epochs\": 200, \"source\": \"s\", \"errors\": [{\"dataset\": \"cifar-10\", \"imbalance\": 100,"
                + " \"error\": %s}]}";
        String table = "{\"schema\": \"%s\", \"id\": \"t\", \"paper\": \"p\", \"url\": \"u\", \"repository\": \"r\","
                + " \"metric\": \"m\", \"protocol\": \"p\", \"rows\": [%s]}";
        assertThatThrownBy(() -> read(String.format(table, "other/1", String.format(row, "cui", "20"))))
                .hasMessageContaining("schema \"other/1\"");
        assertThatThrownBy(() -> read(String.format(table, PaperTables.SCHEMA, String.format(row, "cui", "120"))))
                .hasMessageContaining("row t/cui/x: error 120.0 at imbalance 100.0 is out of range");
        assertThatThrownBy(() -> read(String.format(table, PaperTables.SCHEMA, String.format(row, "cao", "20"))))
                .hasMessageContaining("row t/cui/x: the id must start with t/cao/");
    }

    private static PaperTables.Table read(String json) throws IOException {
        return PaperTables.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }
}
