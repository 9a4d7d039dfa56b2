package dev.ferry.cli;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.RepairReport;
import dev.ferry.engine.RunListener;
import dev.ferry.format.HumanFormat;
import dev.ferry.store.Secrets;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry repair}: shows which targets of the plan's latest run are missing or differ and what a repair writes,
 * asks for the plan name (or --yes), writes them as batches of the run (undoable), and checks them again.
 */
@Command(name = "repair", description = "Repair instead of rolling back: re-apply the plan to exactly the source "
        + "records whose targets are missing or differ (as batches of the latest completed run, undone by its "
        + "rollback), then check them again. A target someone else changed since the run is repaired only when asked "
        + "for by --key. Asks you to type the plan name (or --yes); --preview writes nothing.")
final class RepairCommand extends Verb {

    private static final int SHOWN = 20;

    @Mixin
    DatabaseOptions database;

    @Mixin
    PlanOptions plan;

    @Option(names = "--key", paramLabel = "KEY", split = ",",
            description = "only these source keys, as validation prints them (repeat or separate with commas)")
    List<String> keys = List.of();

    @Option(names = "--preview", description = "say what a repair would write, and write nothing")
    boolean preview;

    @Option(names = "--yes", description = "confirm without the typed prompt (for scripts)")
    boolean yes;

    @Override
    public Integer call() {
        var loaded = plan.load();
        try (MigrationEngine engine = connect(database)) {
            RepairReport found = engine.repairPreview(loaded, keys);
            describe(found, notes(), verbose());
            if (preview || found.toRepair() == 0) {
                if (json()) {
                    printJson(found);
                }
                return found.toRepair() == 0 && found.left() == 0 ? OK : CHECK_FAILED;
            }
            TypedConfirmation.confirm(terminal(), notes(), "the repair of " + records(found.toRepair()),
                    loaded.name(), yes, withYes());
            RepairReport done = engine.repair(loaded, keys, RunListener.NONE);
            if (json()) {
                printJson(done);
            } else {
                result(done, out());
            }
            return done.toRepair() > 0 && done.stillMismatched() == 0 && done.left() == 0 ? OK : CHECK_FAILED;
        }
    }

    private String withYes() {
        StringBuilder cmd = new StringBuilder("ferry repair");
        if (database.uri != null && !database.uri.isBlank()) {
            cmd.append(" --uri ").append(TypedConfirmation.quoted(Secrets.redact(database.uri)));
        }
        cmd.append(" --plan ").append(TypedConfirmation.quoted(plan.file.toString()));
        if (!keys.isEmpty()) {
            cmd.append(" --key ").append(TypedConfirmation.quoted(String.join(",", keys)));
        }
        return cmd.append(json() ? " --json" : "").append(" --yes").toString();
    }

    /**
     * What was found, one line a target:
     * <pre>
     * Repair of split-user-data on narrative_modeling (run r1): 2,000 source records compared with their targets
     *   repair  dataset_metadata  65a1…: missing: no document with _id 65a1…
     *   leave   dataset_metadata  65a2…: changed by someone else since the run: filename … — left alone; …
     * </pre>
     */
    static void describe(RepairReport r, PrintWriter out, boolean all) {
        out.println("Repair of " + r.plan() + " on " + r.database() + " (run " + r.runId() + "): "
                + HumanFormat.count(r.checked()) + " source records compared with their targets");
        List<RepairReport.Item> items = all ? r.items() : r.items().stream().limit(SHOWN).toList();
        items.forEach(i -> out.println("  " + (i.repair() ? "repair" : "leave ") + "  "
                + (i.target().isEmpty() ? "" : i.target() + "  ") + i.key() + ": " + i.problem().words() + ": "
                + i.detail()));
        if (items.size() < r.items().size()) {
            out.println("  … and " + HumanFormat.count(r.items().size() - items.size()) + " more (--verbose lists"
                    + " them all)");
        }
        if (r.items().isEmpty()) {
            out.println("✓ Nothing to repair: every target holds what the plan makes of its source.");
        } else if (r.toRepair() == 0) {
            out.println("Nothing to repair without asking: see the lines above.");
        } else {
            out.println("A repair writes " + records(r.toRepair()) + (r.left() > 0 ? " and leaves "
                    + records(r.left()) + " alone" : "") + ".");
        }
        out.flush();
    }

    /** What the repair did and what the check after it found. */
    static void result(RepairReport r, PrintWriter out) {
        String batches = r.firstBatch() == r.lastBatch() ? "batch " + r.firstBatch()
                : "batches " + r.firstBatch() + "–" + r.lastBatch();
        out.println((r.stillMismatched() == 0 ? "✓ Repaired " : "✗ Wrote ") + records(r.toRepair()) + " of run "
                + r.runId() + " in " + batches + " (" + HumanFormat.duration(r.elapsed()) + "); "
                + (r.stillMismatched() == 0 ? "each checked again and matches."
                : HumanFormat.count(r.stillMismatched()) + " still differ when checked again."));
        if (r.left() > 0) {
            out.println("⚠ " + records(r.left()) + " left alone: validation will still find "
                    + (r.left() == 1 ? "it" : "them") + ". Repair by key (--key) to overwrite, or roll back.");
        }
        out.println("Undone with the run by: ferry rollback");
    }

    private static String records(long n) {
        return HumanFormat.count(n) + (n == 1 ? " target" : " targets");
    }
}
