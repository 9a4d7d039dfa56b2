package dev.ferry.engine;

import dev.ferry.engine.postgres.PostgresFerry;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.store.postgres.PostgresStore;
import java.util.List;

/**
 * The verbs the console (and any other front end) runs on one connected database, whatever its kind: the same
 * result records for a MongoDB split plan ({@link Ferry}) and for a PostgreSQL operation plan ({@link PostgresFerry}).
 * A plan the database cannot run is refused with a message that says which database it needs.
 */
public interface MigrationEngine extends AutoCloseable {

    /** Connects to {@code uri}: {@code jdbc:postgresql://…} opens PostgreSQL, anything else MongoDB. */
    static MigrationEngine connect(String uri) {
        return PostgresStore.isPostgresUri(uri) ? PostgresFerry.connect(uri) : Ferry.connect(uri);
    }

    /** "MongoDB" or "PostgreSQL". */
    String kind();

    String databaseName();

    /** Counts, sizes and a field (column) inventory of every collection (table). Reads only. */
    AssessReport assess(int sampleSize);

    /** A few source records beside what the plan makes of them. Writes nothing. */
    PreviewReport preview(MigrationPlan plan, int samples);

    /** What a run would do, with the records at fault and what blocks the run. Writes nothing. */
    DryRunReport dryRun(MigrationPlan plan, RunListener listener);

    /** Runs the plan (or resumes its unfinished run) in committed, checkpointed batches. */
    RunReport run(MigrationPlan plan, RunControl control, RunListener listener);

    ValidationReport validate(MigrationPlan plan);

    /** What rolling back {@code runId} (null: the newest run not rolled back) would undo. Reads only. */
    RollbackPreview rollbackPreview(MigrationPlan plan, String runId);

    RollbackReport rollback(MigrationPlan plan, String runId, RunListener listener);

    /** Every run of {@code plan} (every plan when null), newest first; a run whose process died shows interrupted. */
    List<RunSummary> history(String plan);

    @Override
    void close();
}
