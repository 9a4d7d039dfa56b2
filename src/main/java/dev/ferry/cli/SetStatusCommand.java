package dev.ferry.cli;

import dev.ferry.engine.connect.Engines;
import dev.ferry.engine.set.SetEngine;
import dev.ferry.engine.set.SetStatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry set status}: the version the database is at, what needs attention, and who holds the lease. */
@Command(name = "status", description = "The version the database is at, counts per status, what needs attention "
        + "(failed, interrupted, changed files) and who holds the set lease. Exit 1 when anything needs attention.")
final class SetStatusCommand extends Verb {

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
            SetPrinter.summary(report, out());
        }
        boolean attention = report.versions().stream()
                .anyMatch(v -> v.interrupted() || v.checksumMismatch() || "failed".equals(v.status()));
        return attention ? CHECK_FAILED : OK;
    }
}
