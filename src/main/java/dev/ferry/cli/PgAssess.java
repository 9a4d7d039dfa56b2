package dev.ferry.cli;

import dev.ferry.format.HumanFormat;
import dev.ferry.engine.assess.PostgresAssessReport;
import dev.ferry.engine.assess.PostgresAssessment;
import dev.ferry.store.postgres.PostgresStore;
import java.io.PrintWriter;

/** {@code ferry assess} on PostgreSQL: the tables of every user schema with counts, sizes, keys and indexes. */
final class PgAssess {

    private PgAssess() {
    }

    static int run(Verb verb, DatabaseOptions database) {
        PostgresAssessReport report;
        try (PostgresStore store = PostgresStore.connect(database.resolve(verb.terminal()))) {
            report = new PostgresAssessment(store).assess();
        }
        if (verb.json()) {
            verb.printJson(report);
        } else {
            print(report, verb.out());
        }
        return Verb.OK;
    }

    static void print(PostgresAssessReport r, PrintWriter out) {
        out.println("Database " + r.database() + " · " + HumanFormat.count(r.tables().size()) + " tables · assessed "
                + HumanFormat.time(r.at()));
        TextTable table = new TextTable("TABLE", ">ROWS", ">ESTIMATE", ">SIZE", "PRIMARY KEY", ">INDEXES", "REFERENCED BY");
        r.tables().forEach(t -> table.row(t.display(), HumanFormat.count(t.rows()), HumanFormat.count(t.estimate()),
                HumanFormat.bytes(t.bytes()), t.primaryKey().isEmpty() ? "(none)" : String.join(", ", t.primaryKey()),
                t.indexes().size(), String.join("; ", t.referencedBy())));
        table.print(out, "");
        for (PostgresAssessReport.Table t : r.tables()) {
            out.println();
            out.println(t.display() + ": " + String.join(", ", t.columns()));
            t.indexes().forEach(i -> out.println("  " + i));
        }
        if (!r.skipped().isEmpty()) {
            out.println("Not assessed (Ferry's own): " + String.join(", ", r.skipped()));
        }
    }
}
