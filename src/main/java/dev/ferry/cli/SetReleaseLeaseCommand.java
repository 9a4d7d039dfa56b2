package dev.ferry.cli;

import dev.ferry.engine.connect.Engines;
import dev.ferry.engine.set.SetEngine;
import dev.ferry.engine.set.LeaseInfo;
import dev.ferry.store.Secrets;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry set release-lease}: releases the database's set lease by hand, for a holder known to be dead that the
 * operator will not wait out. Shows the holder and asks for the database name (or {@code --yes}).
 */
@Command(name = "release-lease", description = "Release the set lease on the database by hand (its holder died and "
        + "you will not wait for it to expire). Shows the holder and asks you to type the database name (or --yes). "
        + "Releasing the lease of a process that is still running lets two runs write at once: check first.")
final class SetReleaseLeaseCommand extends Verb {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--yes", description = "confirm without the typed prompt (for scripts)")
    boolean yes;

    @Override
    public Integer call() {
        try (SetEngine sets = Engines.sets(database.resolve(terminal()))) {
            Optional<LeaseInfo> lease = sets.lease();
            if (lease.isEmpty()) {
                notes().println("The set lease on " + sets.databaseName() + " is free: nothing to release.");
                return OK;
            }
            notes().println("The set lease on " + sets.databaseName() + ":");
            SetPrinter.lease(lease.get(), notes());
            TypedConfirmation.confirm(terminal(), notes(), "releasing the lease", sets.databaseName(), yes,
                    "ferry set release-lease" + (database.uri == null ? "" : " --uri "
                            + TypedConfirmation.quoted(Secrets.redact(database.uri))) + " --yes");
            if (!sets.releaseLease(lease.get().owner())) {
                notes().println("The lease changed hands meanwhile (or expired): nothing released. See 'ferry set"
                        + " status'.");
                return CHECK_FAILED;
            }
            out().println("✓ Released the set lease held by " + lease.get().owner() + ".");
            return OK;
        }
    }
}
