package dev.ferry.cli;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.set.Direction;
import dev.ferry.engine.connect.Engines;
import dev.ferry.engine.set.SetEngine;
import dev.ferry.engine.set.SetReport;
import dev.ferry.engine.set.VersionStatus;
import dev.ferry.store.Secrets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry set down}: rolls back applied versions newest first — all, those newer than {@code --to V}, or
 * {@code --only V} — after the operator types the set's name (or {@code --yes}).
 */
@Command(name = "down", description = "Roll back applied versions, newest first: all (default), those newer than "
        + "--to V (V stays applied; --to 0 = all), or --only V. Each version is undone from what its up recorded "
        + "(fields removed only where the up added them and they still hold its value, indexes dropped only if the up "
        + "created them, backfilled values restored only where unchanged since), or by the file's own down. Shows the "
        + "versions and asks you to type the set name (or --yes). A failure stops the sequence.")
final class SetDownCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Mixin
    SetOptions set;

    @Mixin
    VersionOptions versions;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + SetEngine.DEFAULT_BATCH_SIZE,
            description = "documents per batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--yes", description = "confirm without the typed prompt (for scripts)")
    boolean yes;

    @Override
    public Integer call() {
        if (batchSize < 1) {
            throw new CliUsageException("--batch-size must be at least 1, got " + batchSize + ".");
        }
        var loaded = set.load();
        var selection = versions.selection();
        RunControl control = new RunControl();
        try (SetEngine sets = Engines.sets(database.resolve(terminal())).withBatchSize(batchSize)) {
            List<VersionStatus> planned = sets.planned(loaded, Direction.DOWN, selection);
            if (!planned.isEmpty()) {
                notes().println("Roll back " + planned.size() + (planned.size() == 1 ? " version" : " versions")
                        + " of " + loaded.name() + " on " + sets.databaseName() + ", in this order:");
                planned.forEach(v -> notes().println("  V" + v.label() + "  " + v.description() + "  ("
                        + v.status().replace('_', ' ') + ")"));
                TypedConfirmation.confirm(terminal(), notes(), "the rollback", loaded.name(), yes, withYes());
            }
            SetReport report;
            try (CancelOnInterrupt cancel = CancelOnInterrupt.install(control, notes())) {
                report = sets.down(loaded, selection, control, new SetProgressLines(notes()));
            }
            if (json()) {
                printJson(report);
            } else {
                SetPrinter.report(report, out());
            }
            return report.succeeded() ? OK : CHECK_FAILED;
        }
    }

    private String withYes() {
        StringBuilder cmd = new StringBuilder("ferry set down");
        if (database.uri != null && !database.uri.isBlank()) {
            cmd.append(" --uri ").append(TypedConfirmation.quoted(Secrets.redact(database.uri)));
        }
        cmd.append(" --dir ").append(TypedConfirmation.quoted(set.dir.toString()));
        if (versions.choice != null) {
            cmd.append(versions.choice.to != null ? " --to " + versions.choice.to : " --only " + versions.choice.only);
        }
        return cmd.append(" --yes").toString();
    }
}
