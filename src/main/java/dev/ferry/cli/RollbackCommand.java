package dev.ferry.cli;

import dev.ferry.format.HumanFormat;
import java.util.Optional;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RollbackPreview;
import dev.ferry.engine.RollbackReport;
import dev.ferry.plan.Plan;
import dev.ferry.store.Secrets;
import java.io.PrintWriter;
import dev.ferry.engine.RunState;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry rollback}: shows what a rollback undoes, asks for the plan name, then replays the undo log. */
@Command(name = "rollback", description = "Undo a run (default: the plan's latest): shows what will be deleted and "
        + "restored, asks you to type the plan name (or --yes), replays the undo log and verifies by checksum.")
final class RollbackCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Option(names = "--run", paramLabel = "ID", description = "the run to undo (default: the plan's latest run)")
    String runId;

    @Option(names = "--yes", description = "confirm without the typed prompt (for scripts)")
    boolean yes;

    @Override
    public Integer call() {
        Optional<Integer> pg = PgDispatch.run(this, database, plan, "rollback", "down", yes);
        if (pg.isPresent()) {
            return pg.get();
        }
        Plan loaded = plan.load();
        try (MigrationEngine ferry = connect(database)) {
            RollbackPreview preview = ferry.rollbackPreview(loaded, runId);
            if (preview.total() == 0) {
                notes().println("Nothing to roll back: run " + preview.runId() + " of " + preview.plan() + " ("
                        + preview.state().label() + ") left nothing to undo.");
                if (json()) {
                    printJson(preview);
                }
                return OK;
            }
            notes().println(describe(preview));
            RollbackConfirmation.confirm(terminal(), notes(), loaded.name(), yes, withYes(preview.runId()));
            RollbackReport report;
            try (CliProgress progress = progress(EngineJob.ROLLBACK, loaded.batch().size())) {
                report = ferry.rollback(loaded, preview.runId(), progress);
            }
            if (json()) {
                printJson(report);
            } else {
                print(report, out());
            }
            return report.verified() || !loaded.rollback().verify() ? OK : CHECK_FAILED;
        }
    }

    /** This command with --yes, pinned to the run that was shown, the password in the URI redacted. */
    String withYes(String shownRunId) {
        StringBuilder cmd = new StringBuilder("ferry rollback");
        if (database.uri != null && !database.uri.isBlank()) {
            cmd.append(" --uri ").append(quoted(Secrets.redact(database.uri)));
        }
        cmd.append(" --plan ").append(quoted(plan.file.toString())).append(" --run ").append(shownRunId);
        if (json()) {
            cmd.append(" --json");
        }
        return cmd.append(" --yes").toString();
    }

    private static String quoted(String arg) {
        return arg.matches("[\\w@%+=:,./-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    /**
     * What the rollback will do, per target collection, zeros left out:
     * <pre>
     * Roll back split-user-data on narrative_modeling (run r1, completed):
     *   dataset_metadata        delete 10,517 documents the run inserted
     *   transformation_configs  delete 10,517 documents the run inserted, restore 3 documents it replaced
     * </pre>
     */
    static String describe(RollbackPreview p) {
        TextTable table = new TextTable("", "");
        for (String collection : new TreeSet<>(union(p.toDelete(), p.toRestore()))) {
            List<String> parts = new ArrayList<>();
            long delete = p.toDelete().getOrDefault(collection, 0L);
            long restore = p.toRestore().getOrDefault(collection, 0L);
            if (delete > 0) {
                parts.add("delete " + documents(delete) + " the run inserted");
            }
            if (restore > 0) {
                parts.add("restore " + documents(restore) + " the run replaced (from the undo log)");
            }
            if (!parts.isEmpty()) {
                table.row(collection, String.join(", ", parts));
            }
        }
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println("Roll back " + p.plan() + " on " + p.database() + " (run " + p.runId() + ", " + p.state().label()
                + "):");
        table.printRows(out, "  ");
        out.flush();
        return text.toString().stripTrailing();
    }

    static void print(RollbackReport r, PrintWriter out) {
        boolean done = r.state() == RunState.ROLLED_BACK;
        out.println(done && r.verified()
                ? "✓ Rolled back run " + r.runId() + " of " + r.plan() + " in " + HumanFormat.duration(r.elapsed())
                : "✗ Rollback of run " + r.runId() + " of " + r.plan() + " ended " + r.state().label() + " after "
                        + HumanFormat.duration(r.elapsed()));
        TextTable table = new TextTable("", "");
        for (String collection : new TreeSet<>(union(r.deleted(), r.restored()))) {
            List<String> parts = new ArrayList<>();
            long deleted = r.deleted().getOrDefault(collection, 0L);
            long restored = r.restored().getOrDefault(collection, 0L);
            if (deleted > 0) {
                parts.add("deleted " + documents(deleted));
            }
            if (restored > 0) {
                parts.add("restored " + documents(restored));
            }
            if (!parts.isEmpty()) {
                table.row(collection, String.join(", ", parts));
            }
        }
        table.printRows(out, "  ");
        if (r.verification().isEmpty()) {
            out.println("  Not verified: no checksums were compared (the plan's rollback does not verify).");
            return;
        }
        out.println("Checksums:");
        r.verification().forEach(line -> out.println("  " + line));
        out.println(r.verified() ? "✓ Targets match their pre-run checksums."
                : "✗ Targets do not match their pre-run checksums: see the lines above.");
    }

    private static Set<String> union(Map<String, Long> a, Map<String, Long> b) {
        Set<String> all = new HashSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    private static String documents(long n) {
        return HumanFormat.count(n) + (n == 1 ? " document" : " documents");
    }
}
