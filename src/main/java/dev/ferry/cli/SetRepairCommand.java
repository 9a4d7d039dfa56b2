package dev.ferry.cli;

import dev.ferry.engine.connect.Engines;
import dev.ferry.engine.set.SetEngine;
import dev.ferry.engine.set.RepairReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry set repair}: accepts the checksums of applied versions whose files changed. Changes no data. */
@Command(name = "repair", description = "Accept the current file of each applied version whose file changed since "
        + "(checksum mismatch): records the new checksum in ferry_history. Re-runs nothing and changes no data; use "
        + "it when the change is intended (a comment, a reformat) or already reflected in the database.")
final class SetRepairCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Mixin
    SetOptions set;

    @Override
    public Integer call() {
        var loaded = set.load();
        RepairReport report;
        try (SetEngine sets = Engines.sets(database.resolve(terminal()))) {
            report = sets.repair(loaded);
        }
        if (json()) {
            printJson(report);
        } else {
            SetPrinter.repair(report, out());
        }
        return OK;
    }
}
