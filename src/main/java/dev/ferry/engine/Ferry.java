package dev.ferry.engine;

import dev.ferry.plan.Plan;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.transform.PlanMapper;
import java.util.List;

/**
 * The engine's facade: one verb a method, each returning a result object that the CLI prints and the
 * console shows. Opened on one database; close it when done.
 */
public final class Ferry implements AutoCloseable {

    private final MongoStore store;

    private Ferry(MongoStore store) {
        this.store = store;
    }

    /** Connects to the database named in the URI; fails with a one-line reason when it cannot. */
    public static Ferry connect(String uri) {
        return new Ferry(MongoStore.connect(uri));
    }

    public MongoStore store() {
        return store;
    }

    public AssessReport assess(int sampleSize) {
        return new Assessment(store).assess(sampleSize);
    }

    /** N source records beside the target documents each produces. Reads only. */
    public PreviewReport preview(Plan plan, int samples) {
        throw new dev.ferry.FerryException("preview is being built");
    }

    /** A full pass with no writes: counts per target, errors, estimated duration and storage. */
    public DryRunReport dryRun(Plan plan, RunListener listener) {
        throw new dev.ferry.FerryException("dry-run is being built");
    }

    /**
     * Runs the plan in batches, or resumes its unfinished run from the last checkpoint. Returns when the run
     * completes, pauses, is cancelled or fails; events arrive on the listener meanwhile.
     */
    public RunReport run(Plan plan, RunControl control, RunListener listener) {
        throw new dev.ferry.FerryException("run is being built");
    }

    /** Runs the plan's validation checks, re-applying its compiled mapping to the source. Reads only. */
    public ValidationReport validate(Plan plan) {
        return new Validation(store).validate(plan, PlanMapper.compile(plan));
    }

    /** What a rollback of the run (null: the plan's latest) would undo, for the confirmation. */
    public RollbackPreview rollbackPreview(Plan plan, String runId) {
        throw new dev.ferry.FerryException("rollback is being built");
    }

    /** Replays the run's undo log in reverse, then verifies the targets against their pre-run checksums. */
    public RollbackReport rollback(Plan plan, String runId, RunListener listener) {
        throw new dev.ferry.FerryException("rollback is being built");
    }

    /** Runs, newest first; of one plan, or of all when {@code plan} is null. */
    public List<RunSummary> history(String plan) {
        throw new dev.ferry.FerryException("history is being built");
    }

    @Override
    public void close() {
        store.close();
    }
}
