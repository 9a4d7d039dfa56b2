package dev.ferry.cli;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RollbackPreview;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunState;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PlanKind;
import dev.ferry.store.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
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

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        MigrationPlan loaded = plan.load();
        PlanKind kind = loaded.kind();
        try (MigrationEngine engine = connect(database)) {
            RollbackPreview preview = engine.rollbackPreview(loaded, runId);
            if (preview.total() == 0) {
                // still rolled back: marked so, verified, and out of the way of the runs before it
                notes().println("Run " + preview.runId() + " of " + preview.plan() + " (" + preview.state().label()
                        + ") left no " + kind.records() + " to delete or restore; rolling it back marks it rolled"
                        + " back, verifies the targets and lets the run before it be rolled back next.");
            } else {
                notes().println(describe(preview, kind));
            }
            RollbackConfirmation.confirm(terminal(), notes(), loaded.name(), yes, withYes(preview.runId()));
            if (spark.onSpark()) {
                SparkPartitions.undo(this, spark, database, plan.file, engine, loaded, preview.runId());
            }
            RollbackReport report;
            try (CliProgress progress = progress(EngineJob.ROLLBACK, loaded)) {
                report = engine.rollback(loaded, preview.runId(), progress);
            }
            if (json()) {
                printJson(report);
            } else {
                print(report, kind, out());
            }
            // a plan whose rollback does not verify compares nothing: then rolled back is all it can be
            boolean good = report.state() == RunState.ROLLED_BACK
                    && (report.verified() || report.verification().isEmpty());
            return good ? OK : CHECK_FAILED;
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

    static String describe(RollbackPreview p) {
        return describe(p, PlanKind.SPLIT);
    }

    /**
     * What the rollback will do, per collection or table in the plan kind's words, zeros left out:
     * <pre>
     * Roll back split-user-data on narrative_modeling (run r1, completed), from the run's undo log (…):
     *   delete 10,517 documents the run inserted into dataset_metadata
     *   restore 3 documents of transformation_configs the run replaced
     * </pre>
     */
    static String describe(RollbackPreview p, PlanKind kind) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        String from = kind.words().undoFrom();
        out.println("Roll back " + p.plan() + " on " + p.database() + " (run " + p.runId() + ", " + p.state().label()
                + ")" + (from == null ? "" : ", from " + from) + ":");
        for (String container : new TreeSet<>(union(p.toDelete(), p.toRestore()))) {
            long delete = p.toDelete().getOrDefault(container, 0L);
            long restore = p.toRestore().getOrDefault(container, 0L);
            if (delete > 0) {
                out.println("  " + kind.words().delete(container, kind.records(delete, HumanFormat.count(delete))));
            }
            if (restore > 0) {
                out.println("  " + kind.words().restore(container, kind.records(restore, HumanFormat.count(restore))));
            }
        }
        out.flush();
        return text.toString().stripTrailing();
    }

    static void print(RollbackReport r, PrintWriter out) {
        print(r, PlanKind.SPLIT, out);
    }

    /** The rollback's report, in the plan kind's words, with what was compared after it. */
    static void print(RollbackReport r, PlanKind kind, PrintWriter out) {
        boolean done = r.state() == RunState.ROLLED_BACK;
        out.println(done && r.verified()
                ? "✓ Rolled back run " + r.runId() + " of " + r.plan() + " in " + HumanFormat.duration(r.elapsed())
                : "✗ Rollback of run " + r.runId() + " of " + r.plan() + " ended " + r.state().label() + " after "
                        + HumanFormat.duration(r.elapsed()));
        for (String container : new TreeSet<>(union(r.deleted(), r.restored()))) {
            long deleted = r.deleted().getOrDefault(container, 0L);
            long restored = r.restored().getOrDefault(container, 0L);
            if (deleted > 0) {
                out.println("  " + kind.words().deleted(container, kind.records(deleted, HumanFormat.count(deleted))));
            }
            if (restored > 0) {
                out.println("  " + kind.words().restored(container, kind.records(restored,
                        HumanFormat.count(restored))));
            }
        }
        r.dropped().forEach(d -> out.println("  dropped " + d));
        if (r.verification().isEmpty()) {
            out.println("  Not verified: nothing was compared (the plan's rollback does not verify).");
            return;
        }
        boolean checksums = kind.supports(PlanKind.Capability.ROLLBACK_CHECKSUMS);
        out.println(checksums ? "Checksums:" : "Checked:");
        r.verification().forEach(line -> out.println("  " + line));
        out.println(r.verified() ? checksums ? "✓ Targets match their pre-run checksums."
                : "✓ Every table is as it was before the run."
                : checksums ? "✗ Targets do not match their pre-run checksums: see the lines above."
                : "✗ The tables are not as they were before the run: see the lines above.");
        if (!r.leftBehind().isEmpty()) {
            out.println((r.verified() ? "ℹ " : "  ") + r.leftBehind());
        }
    }

    private static Set<String> union(Map<String, Long> a, Map<String, Long> b) {
        Set<String> all = new HashSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}
