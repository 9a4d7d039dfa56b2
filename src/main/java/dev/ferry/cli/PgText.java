package dev.ferry.cli;

import dev.ferry.format.HumanFormat;
import dev.ferry.engine.postgres.backfill.BackfillReport;
import dev.ferry.engine.postgres.uuidkey.ConversionStatus;
import dev.ferry.engine.postgres.uuidkey.SchemaReport;
import dev.ferry.engine.postgres.uuidkey.UuidConversionReport;
import dev.ferry.store.postgres.MigrationLogTable;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Text for a person of the PostgreSQL operations' reports; {@code --json} prints the same records instead. */
final class PgText {

    private PgText() {
    }

    static void schema(SchemaReport r, PrintWriter out) {
        out.println("validate_schema of " + r.plan());
        TextTable table = new TextTable("column", "type now", "references", ">rows", ">NULL", ">normalised", ">invalid",
                ">orphans", ">duplicates");
        r.changes().forEach(c -> table.row(c.table() + "." + c.column(), c.typeNow() + " → uuid",
                c.references() == null ? "(key)" : c.references(), HumanFormat.count(c.rows()),
                HumanFormat.count(c.nulls()), HumanFormat.count(c.normalised()), HumanFormat.count(c.invalid()),
                HumanFormat.count(c.orphans()), HumanFormat.count(c.duplicates())));
        if (!r.changes().isEmpty()) {
            table.print(out, "  ");
        }
        r.notes().forEach(n -> out.println("  note: " + n));
        if (!r.badRows().isEmpty()) {
            out.println("Rows at fault (first of each problem):");
            r.badRows().forEach(b -> out.println("  " + b.table() + " key " + b.key() + ": " + b.column() + " = '"
                    + b.value() + "' — " + b.problem()));
        }
        if (r.ok()) {
            out.println("✓ Ready to convert; nothing was changed.");
        } else {
            out.println("✗ Not ready; nothing was changed:");
            r.blockers().forEach(b -> out.println("  - " + b));
        }
    }

    static void conversion(UuidConversionReport r, PrintWriter out) {
        out.println((r.ok() ? "✓ " : "✗ ") + r.operation() + " of " + r.plan() + " (run " + r.runId() + ", step "
                + r.step().toLowerCase() + ") in " + HumanFormat.duration(r.elapsed()) + (r.resumed() ? ", resumed" : ""));
        r.lines().forEach(l -> out.println("  " + l));
        if (!r.phases().isEmpty()) {
            StringBuilder sb = new StringBuilder("  phases:");
            r.phases().forEach((k, v) -> sb.append(' ').append(k).append(' ').append(HumanFormat.duration(v)));
            out.println(sb);
        }
    }

    static void backfill(BackfillReport r, PrintWriter out) {
        out.println((r.ok() ? "✓ " : "✗ ") + r.operation() + " of " + r.plan() + " in " + HumanFormat.duration(r.elapsed()));
        r.lines().forEach(l -> out.println("  " + l));
    }

    static void status(ConversionStatus s, PrintWriter out) {
        if (s.runId() == null) {
            out.println("Plan " + s.plan() + " has no run yet.");
        } else {
            out.println("Plan " + s.plan() + ": run " + s.runId() + " " + s.state() + " at step " + s.step().toLowerCase()
                    + "; " + HumanFormat.count(s.rowsCopied()) + "/" + HumanFormat.count(s.rowsTotal()) + " rows copied;"
                    + " started " + HumanFormat.time(s.startedAt()) + ", last change " + HumanFormat.time(s.updatedAt())
                    + (s.message() == null ? "" : " (" + s.message() + ")"));
        }
        log(s.log(), out);
    }

    static void log(List<MigrationLogTable.Entry> entries, PrintWriter out) {
        if (entries.isEmpty()) {
            out.println("migration_log is empty.");
            return;
        }
        TextTable table = new TextTable("operation", "status", "started_at", "completed_at", "message");
        entries.forEach(e -> table.row(e.operation(), e.status(), HumanFormat.time(e.startedAt()),
                e.completedAt() == null ? "" : HumanFormat.time(e.completedAt()), shorten(e.message())));
        table.print(out, "  ");
    }

    private static String shorten(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= 100 ? message : message.substring(0, 97) + "...";
    }

    /** ", did you mean 'convert'?" for a near miss, else empty. */
    static String closest(String wrong, Collection<String> known) {
        return known.stream().min(Comparator.comparingInt(k -> distance(wrong, k)))
                .filter(k -> distance(wrong, k) <= Math.max(2, k.length() / 3)).map(k -> "; did you mean '" + k + "'?")
                .orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }
}
