package dev.ferry.cli;

import dev.ferry.engine.connect.Engines;
import dev.ferry.engine.set.SetEngine;
import dev.ferry.engine.set.SetStatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry set list}: every version of the set with its status, when it was applied, how long it took. */
@Command(name = "list", description = "Every version of the set: status (pending, completed, failed, rolled_back), "
        + "applied at, duration, by whom; changed files (checksum mismatch) and interrupted runs are flagged.")
final class SetListCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Mixin
    SetOptions set;

    @Override
    public Integer call() {
        var loaded = set.load();
        SetStatusReport report;
        try (SetEngine sets = Engines.sets(database.resolve(terminal()))) {
            report = sets.status(loaded);
        }
        if (json()) {
            printJson(report);
        } else {
            SetPrinter.versions(report, out());
        }
        return OK;
    }
}
