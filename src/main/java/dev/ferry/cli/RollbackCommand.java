package dev.ferry.cli;

import dev.ferry.engine.Ferry;
import dev.ferry.engine.RollbackPreview;
import dev.ferry.engine.RollbackReport;
import dev.ferry.plan.Plan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        Plan loaded = plan.load();
        try (Ferry ferry = connect(database)) {
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
            RollbackConfirmation.confirm(terminal(), notes(), loaded.name(), yes);
            RollbackReport report;
            try (CliProgress progress = progress("Rolling back", loaded.batch().size())) {
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

    /** "Roll back split-user-data on narrative_modeling: delete 10,523 from dataset_metadata, restore 0 …". */
    static String describe(RollbackPreview p) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(p.toDelete()).forEach((c, n) -> parts.add("delete " + HumanFormat.count(n) + " from " + c));
        new TreeMap<>(p.toRestore()).forEach((c, n) -> parts.add("restore " + HumanFormat.count(n) + " in " + c));
        return "Roll back " + p.plan() + " on " + p.database() + ": " + String.join(", ", parts)
                + " (run " + p.runId() + ", " + p.state().label() + ")";
    }

    static void print(RollbackReport r, PrintWriter out) {
        long deleted = r.deleted().values().stream().mapToLong(Long::longValue).sum();
        long restored = r.restored().values().stream().mapToLong(Long::longValue).sum();
        out.println((r.verified() ? "✓ " : "✗ ") + "Rollback of run " + r.runId() + " (" + r.plan() + ") "
                + r.state().label() + ": deleted " + HumanFormat.count(deleted) + ", restored "
                + HumanFormat.count(restored) + " in " + HumanFormat.duration(r.elapsed()));
        for (Map.Entry<String, Long> e : new TreeMap<>(r.deleted()).entrySet()) {
            out.println("  " + e.getKey() + ": deleted " + HumanFormat.count(e.getValue()));
        }
        for (Map.Entry<String, Long> e : new TreeMap<>(r.restored()).entrySet()) {
            out.println("  " + e.getKey() + ": restored " + HumanFormat.count(e.getValue()));
        }
        r.verification().forEach(line -> out.println("  " + line));
        out.println(r.verified() ? "✓ Targets match their pre-run checksums." : "✗ Targets do not match their pre-run "
                + "checksums: see the lines above.");
    }
}
