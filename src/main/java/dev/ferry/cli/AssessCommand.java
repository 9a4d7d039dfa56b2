package dev.ferry.cli;

import dev.ferry.format.HumanFormat;
import dev.ferry.engine.AssessReport;
import dev.ferry.engine.MigrationEngine;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry assess}: counts, sizes and the field inventory of every collection. */
@Command(name = "assess", description = "Count, size and inventory the fields of every collection in the database.")
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
        if (PgDispatch.postgres(this, database)) {
            return PgAssess.run(this, database);
        }
        try (MigrationEngine ferry = connect(database)) {
            AssessReport report = ferry.assess(sample);
            if (json()) {
                printJson(report);
            } else {
                print(report, out());
            }
        }
        return OK;
    }

    static void print(AssessReport report, PrintWriter out) {
        out.println("Database " + report.database() + " · " + HumanFormat.count(report.collections().size())
                + (report.collections().size() == 1 ? " collection" : " collections") + " · assessed " + HumanFormat.time(report.at()));
        out.println();
        TextTable table = new TextTable("COLLECTION", ">DOCUMENTS", ">AVG SIZE", ">MAX SIZE", ">DATA SIZE", ">INDEXES");
        for (AssessReport.CollectionStats c : report.collections()) {
            table.row(c.name(), HumanFormat.count(c.count()), HumanFormat.bytes(c.avgSize()),
                    HumanFormat.bytes(c.maxSize()), "≈ " + HumanFormat.bytes(c.dataSize()), c.indexCount());
        }
        table.print(out, "");
        for (AssessReport.CollectionStats c : report.collections()) {
            if (c.fields().isEmpty()) {
                continue;
            }
            out.println();
            out.println(c.name() + ": " + HumanFormat.count(c.fields().size()) + " fields in "
                    + HumanFormat.count(c.sampled()) + " sampled documents");
            TextTable fields = new TextTable("FIELD", ">PRESENT", "TYPES");
            for (AssessReport.FieldStats f : c.fields()) {
                fields.row(f.path(), HumanFormat.percent(f.presence()), types(f));
            }
            fields.print(out, "  ");
        }
        if (!report.skipped().isEmpty()) {
            out.println();
            out.println("Not assessed (Ferry's journal and system collections): " + String.join(", ", report.skipped()));
        }
    }

    private static String types(AssessReport.FieldStats f) {
        if (f.types().size() == 1) {
            return f.types().keySet().iterator().next();
        }
        return "mixed: " + f.types().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .map(e -> e.getKey() + " " + HumanFormat.count(e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
