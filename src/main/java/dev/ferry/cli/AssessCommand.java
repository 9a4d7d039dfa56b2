package dev.ferry.cli;

import dev.ferry.engine.AssessReport;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.format.HumanFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry assess}: counts, sizes and the field (column) inventory of every collection (table). */
@Command(name = "assess", description = "Count, size and inventory the fields of every collection (or the columns of"
        + " every table) in the database.")
final class AssessCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "1000",
            description = "documents read per collection for sizes and the field inventory (default: ${DEFAULT-VALUE})")
    int sample;

    @Override
    public Integer call() {
        if (sample < 1) {
            throw new CliUsageException("--sample must be at least 1, was " + sample + ".");
        }
        try (MigrationEngine engine = connect(database)) {
            AssessReport report = engine.assess(sample);
            if (json()) {
                printJson(report);
            } else {
                print(report, out(), "PostgreSQL".equals(engine.kind()));
            }
        }
        return OK;
    }

    static void print(AssessReport report, PrintWriter out) {
        print(report, out, false);
    }

    /**
     * The report the console's Assessment screen shows, in the database's words ({@code tables}: tables, rows and
     * columns); on PostgreSQL with the planner's estimate beside the exact count, and each table's keys, references
     * and indexes.
     */
    static void print(AssessReport report, PrintWriter out, boolean tables) {
        int n = report.collections().size();
        out.println("Database " + report.database() + " · " + HumanFormat.count(n) + " "
                + (tables ? n == 1 ? "table" : "tables" : n == 1 ? "collection" : "collections") + " · assessed "
                + HumanFormat.time(report.at()));
        out.println();
        // PostgreSQL's planner estimate beside the exact count ("-" before the table's first ANALYZE)
        boolean estimates = tables || report.collections().stream().anyMatch(c -> c.estimatedCount() >= 0);
        TextTable table = estimates
                ? new TextTable(tables ? "TABLE" : "COLLECTION", tables ? ">ROWS" : ">DOCUMENTS", ">ESTIMATE",
                ">AVG SIZE", ">MAX SIZE", ">DATA SIZE", ">INDEXES")
                : new TextTable(tables ? "TABLE" : "COLLECTION", tables ? ">ROWS" : ">DOCUMENTS", ">AVG SIZE",
                ">MAX SIZE", ">DATA SIZE", ">INDEXES");
        for (AssessReport.CollectionStats c : report.collections()) {
            List<Object> cells = new ArrayList<>(List.of(c.name(),
                    HumanFormat.count(c.count())));
            if (estimates) {
                cells.add(c.estimatedCount() < 0 ? "-" : HumanFormat.count(c.estimatedCount()));
            }
            cells.addAll(List.of(HumanFormat.bytes(c.avgSize()), HumanFormat.bytes(c.maxSize()),
                    (tables ? "" : "≈ ") + HumanFormat.bytes(c.dataSize()), c.indexCount()));
            table.row(cells.toArray());
        }
        table.print(out, "");
        for (AssessReport.CollectionStats c : report.collections()) {
            if (c.fields().isEmpty() && c.notes().isEmpty()) {
                continue;
            }
            out.println();
            out.println(c.name() + ": " + HumanFormat.count(c.fields().size()) + (tables ? " columns in " : " fields in ")
                    + HumanFormat.count(c.sampled()) + (tables ? " sampled rows" : " sampled documents"));
            TextTable fields = new TextTable(tables ? "COLUMN" : "FIELD", tables ? ">NOT NULL" : ">PRESENT",
                    tables ? "TYPE" : "TYPES");
            for (AssessReport.FieldStats f : c.fields()) {
                fields.row(f.path(), HumanFormat.percent(f.presence()), types(f));
            }
            fields.print(out, "  ");
            c.notes().forEach(note -> out.println("  " + note));
        }
        if (!report.skipped().isEmpty()) {
            out.println();
            out.println((tables ? "Not assessed (Ferry's own): " : "Not assessed (Ferry's journal and system"
                    + " collections): ") + String.join(", ", report.skipped()));
        }
    }

    private static String types(AssessReport.FieldStats f) {
        if (f.types().isEmpty()) {
            return "-";
        }
        if (f.types().size() == 1) {
            return f.types().keySet().iterator().next();
        }
        return "mixed: " + f.types().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .map(e -> e.getKey() + " " + HumanFormat.count(e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
