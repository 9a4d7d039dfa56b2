package dev.ferry.engine.set.mongo;

import dev.ferry.engine.set.Direction;
import dev.ferry.engine.set.SetEvent;
import dev.ferry.engine.set.VersionResult;
import dev.ferry.engine.set.VersionStatus;

import dev.ferry.plan.MigrationFile;
import dev.ferry.plan.OperationSpec;
import dev.ferry.store.mongo.MongoSetHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolls back one version: from its undo log (what its up actually did, in reverse), or by running the file's own
 * {@code down:} operations where it gives them. Records rolled_back, or failed with what to do next.
 */
final class VersionDown {

    private final SetRun run;

    VersionDown(SetRun run) {
        this.run = run;
    }

    /** @param file the version's file, or null when the folder no longer has it (the undo log still does) */
    VersionResult rollBack(VersionStatus version, MigrationFile file, int index, int total) {
        Instant start = Instant.now();
        run.listener().on(new SetEvent.VersionStarted(start, version.version(), version.label(),
                version.description(), Direction.DOWN, index, total));
        run.history().begin(run.set(), version.version(), version.label(), version.description(), version.script(),
                version.recordedChecksum(), "down", run.me().operator(), run.me().host(), run.owner());
        Counts counts = new Counts();
        try {
            if (file != null && file.explicitDown()) {
                List<OperationSpec> ops = file.down();
                StepContext ctx = run.context(version.version(), false);
                for (int step = 0; step < ops.size(); step++) {
                    SetOperation op = Operations.of(ops.get(step));
                    run.listener().on(new SetEvent.StepStarted(Instant.now(), version.version(), step + 1,
                            ops.size(), op.describe()));
                    counts.addAll(op.apply(ctx.forStep(step)));
                }
                // the file's down replaced what the up's log would undo: the log is spent
                run.undo().idsToUndo(run.set(), version.version()).forEach(run.undo()::remove);
            } else {
                run.listener().on(new SetEvent.StepStarted(Instant.now(), version.version(), 1, 1,
                        "undo what the up did, from the undo log"));
                counts.addAll(UndoReplay.replay(run.context(version.version(), true)));
            }
        } catch (RuntimeException e) {
            return finish(version, start, MongoSetHistory.Status.FAILED, counts.asMap(), "rollback failed: "
                    + Reasons.of(e) + ". Fix the cause and run 'set down --only " + version.label()
                    + "' again: it continues where it stopped");
        }
        return finish(version, start, MongoSetHistory.Status.ROLLED_BACK, counts.asMap(), null);
    }

    private VersionResult finish(VersionStatus v, Instant start, MongoSetHistory.Status status,
                                 Map<String, Long> counts, String error) {
        Duration took = Duration.between(start, Instant.now());
        run.history().finish(run.set(), v.version(), "down", status, took.toMillis(), new LinkedHashMap<>(counts),
                error);
        VersionResult result = new VersionResult(v.version(), v.label(), v.description(), v.script(),
                Direction.DOWN, status.name().toLowerCase(), took, counts, error);
        run.listener().on(new SetEvent.VersionFinished(Instant.now(), result));
        return result;
    }
}
