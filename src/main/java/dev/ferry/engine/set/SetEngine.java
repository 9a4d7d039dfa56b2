package dev.ferry.engine.set;

import dev.ferry.engine.RunControl;
import dev.ferry.plan.MigrationSet;
import java.util.List;
import java.util.Optional;

/**
 * The verbs of versioned migration sets on one database (runbook 004): status, up, down, repair and the set lease,
 * each returning a result object the CLI prints and the console shows. Close it when done.
 */
public interface SetEngine extends AutoCloseable {

    int DEFAULT_BATCH_SIZE = 1000;

    /** The database's name, for confirmations. */
    String databaseName();

    /** The same database with another batch size for the operations that work in batches. */
    SetEngine withBatchSize(int size);

    /** Every version, files and history together, and the lease holder. Reads only. */
    SetStatusReport status(MigrationSet set);

    /** The versions {@code up} or {@code down} would take, in order (for a confirmation); refuses as they would. */
    List<VersionStatus> planned(MigrationSet set, Direction direction, Selection selection);

    /** Applies the selected pending (or failed, or rolled back) versions, oldest first; stops at the first failure. */
    SetReport up(MigrationSet set, Selection selection, RunControl control, SetListener listener);

    /** Rolls back the selected applied versions, newest first; stops at the first failure. */
    SetReport down(MigrationSet set, Selection selection, RunControl control, SetListener listener);

    /** Accepts the checksums of applied versions whose files changed. Changes no data. */
    RepairReport repair(MigrationSet set);

    /** The live set lease on this database, if anyone holds it. */
    Optional<LeaseInfo> lease();

    /** Releases the set lease by hand (the operator confirmed), only while {@code owner} still holds it. */
    boolean releaseLease(String owner);

    @Override
    void close();
}
