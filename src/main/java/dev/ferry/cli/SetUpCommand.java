package dev.ferry.cli;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.connect.Engines;
import dev.ferry.engine.set.SetEngine;
import dev.ferry.engine.set.SetReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry set up}: applies pending versions in order; a failure stops the sequence and names the version. */
@Command(name = "up", description = "Apply the set's pending versions, oldest first (a failed or interrupted version "
        + "is retried: what its attempt did is undone first). A failure stops the sequence; exit 1 names the version "
        + "and why. A version whose file changed after it was applied blocks itself and later ones until 'set repair'.")
final class SetUpCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Mixin
    SetOptions set;

    @Mixin
    VersionOptions versions;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + SetEngine.DEFAULT_BATCH_SIZE,
            description = "documents per batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Override
    public Integer call() {
        if (batchSize < 1) {
            throw new CliUsageException("--batch-size must be at least 1, got " + batchSize + ".");
        }
        var loaded = set.load();
        var selection = versions.selection();
        RunControl control = new RunControl();
        SetReport report;
        try (SetEngine sets = Engines.sets(database.resolve(terminal())).withBatchSize(batchSize);
             CancelOnInterrupt cancel = CancelOnInterrupt.install(control, notes())) {
            report = sets.up(loaded, selection, control, new SetProgressLines(notes()));
        }
        if (json()) {
            printJson(report);
        } else {
            SetPrinter.report(report, out());
        }
        return report.succeeded() ? OK : CHECK_FAILED;
    }
}
