package dev.tailbench.spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The published tables shipped with tailbench ({@code reports/paper-tables/<table>.json}, copied
 * into the jar), by row id. Each row holds one method's published errors for several data sets and
 * imbalances under one protocol (variant, backbone, epochs) and names its source.
 */
public final class PaperTables {

    /** The tables shipped, by file name without {@code .json}. */
    public static final List<String> TABLES = List.of("bag-of-tricks", "beyond-the-bag");

    /** Layout version of the table files. */
    public static final String SCHEMA = "tailbench-paper-table/1";

    private static final String RESOURCES = "/dev/tailbench/paper-tables/";
    /**
     * cui and cao: the subsets tailbench can load, so a run can match the figure's protocol;
     * authors: the authors' own data or schedule, which no run matches, so the figure is only shown.
     */
    private static final Set<String> VARIANTS = Set.of("cui", "cao", "authors");

    private static volatile Map<String, Row> rows;

    private PaperTables() {}

    /** One table file. */
    public record Table(String schema, String id, String paper, String url, String repository, String metric,
            String protocol, List<Row> rows) {}

    /** One row: a method's published errors under one protocol. */
    public record Row(String id, String trick, String variant, String backbone, int epochs, String source,
            List<Cell> errors) {

        /**
         * The row's figures as budgets with {@code tolerance}.
         *
         * @return one figure per data set and imbalance the row reports
         */
        public List<PaperFigure> figures(double tolerance) {
            return errors.stream().map(cell -> new PaperFigure(cell.dataset(), variant, cell.imbalance(), backbone,
                    epochs, cell.error(), tolerance, source + " [" + id + "]")).toList();
        }
    }

    /** One published error. */
    public record Cell(String dataset, double imbalance, double error) {}

    /**
     * The row with {@code id}.
     *
     * @throws IllegalArgumentException naming the id and the rows of the same table and variant
     */
    public static Row row(String id) {
        Row row = all().get(id);
        if (row == null) {
            String prefix = id.contains("/") ? id.substring(0, id.lastIndexOf('/') + 1) : "";
            List<String> near = all().keySet().stream().filter(known -> !prefix.isEmpty() && known.startsWith(prefix))
                    .toList();
            throw new IllegalArgumentException("\"" + id + "\" names no row of the paper tables " + TABLES
                    + (near.isEmpty() ? "; ids look like bag-of-tricks/cui/cross-entropy" : "; rows of " + prefix + ": "
                            + near));
        }
        return row;
    }

    /** Every row of every table, by id. */
    public static Map<String, Row> all() {
        Map<String, Row> loaded = rows;
        if (loaded == null) {
            loaded = load();
            rows = loaded;
        }
        return loaded;
    }

    /** Reads and validates one table. */
    static Table read(InputStream in, String name) throws IOException {
        Table table = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .readValue(in, Table.class);
        if (!SCHEMA.equals(table.schema())) {
            throw new IllegalStateException(name + ": schema \"" + table.schema() + "\", expected " + SCHEMA);
        }
        for (Row row : table.rows()) {
            String where = name + ", row " + row.id();
            if (row.id() == null || !row.id().startsWith(table.id() + "/" + row.variant() + "/")) {
                throw new IllegalStateException(where + ": the id must start with " + table.id() + "/" + row.variant()
                        + "/ (table id / variant / row)");
            }
            if (!VARIANTS.contains(row.variant())) {
                throw new IllegalStateException(where + ": variant must be one of " + VARIANTS);
            }
            if (!BackboneDepths.isKnown(row.backbone()) || row.epochs() < 1 || row.source() == null
                    || row.source().isBlank() || row.errors().isEmpty()) {
                throw new IllegalStateException(where + ": needs a known backbone, epochs >= 1, a source and errors");
            }
            for (Cell cell : row.errors()) {
                if (!(cell.error() >= 0 && cell.error() <= 100) || !(cell.imbalance() >= 1)) {
                    throw new IllegalStateException(where + ": error " + cell.error() + " at imbalance "
                            + cell.imbalance() + " is out of range");
                }
            }
        }
        return table;
    }

    private static Map<String, Row> load() {
        Map<String, Row> byId = new LinkedHashMap<>();
        for (String name : TABLES) {
            String resource = RESOURCES + name + ".json";
            try (InputStream in = PaperTables.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("paper table " + resource + " is missing from the class path");
                }
                for (Row row : read(in, resource).rows()) {
                    if (byId.put(row.id(), row) != null) {
                        throw new IllegalStateException(resource + ": row id " + row.id() + " appears twice");
                    }
                }
            }
            catch (IOException e) {
                // Malformed JSON included: reported where a @PaperRow is read, as a declaration problem.
                throw new IllegalStateException("could not read paper table " + resource + ": " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableMap(byId);
    }
}
