package dev.ferry.engine.set.mongo;

import dev.ferry.engine.set.Direction;
import dev.ferry.engine.set.SetEvent;
import dev.ferry.engine.set.VersionResult;

import dev.ferry.plan.MigrationFile;
import dev.ferry.plan.OperationSpec;
import dev.ferry.store.mongo.MongoSetHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one version: marks it pending, undoes whatever an earlier failed or interrupted attempt left (so a fixed
 * file applies to the state before that attempt), runs its operations in order, and records completed or failed.
 */
final class VersionUp {

    private final SetRun run;

    VersionUp(SetRun run) {
        this.run = run;
    }

    VersionResult apply(MigrationFile file, int index, int total) {
        Instant start = Instant.now();
        run.listener().on(new SetEvent.VersionStarted(start, file.version(), file.label(), file.description(),
                Direction.UP, index, total));
        run.history().begin(run.set(), file.version(), file.label(), file.description(), file.fileName(),
                file.checksum(), "up", run.me().operator(), run.me().host(), run.owner());
        StepContext ctx = run.context(file.version(), true);
        Counts counts = new Counts();
        List<OperationSpec> ops = file.up();
        int step = -1;
        try {
            if (run.undo().count(run.set(), file.version()) > 0) {
                run.listener().on(new SetEvent.StepStarted(Instant.now(), file.version(), 0, ops.size(),
                        "undo what the earlier attempt did"));
                UndoReplay.replay(ctx).forEach((k, n) -> counts.add("earlier_attempt_" + k, n));
            }
            for (step = 0; step < ops.size(); step++) {
                SetOperation op = Operations.of(ops.get(step));
                run.listener().on(new SetEvent.StepStarted(Instant.now(), file.version(), step + 1, ops.size(),
                        op.describe()));
                counts.addAll(op.apply(ctx.forStep(step)));
            }
        } catch (RuntimeException e) {
            String where = step < 0 ? file.fileName() : file.fileName() + " line " + ops.get(step).line() + " ("
                    + Operations.of(ops.get(step)).describe() + ")";
            return finish(file, start, MongoSetHistory.Status.FAILED, counts.asMap(), where + ": " + Reasons.of(e));
        }
        return finish(file, start, MongoSetHistory.Status.COMPLETED, counts.asMap(), null);
    }

    private VersionResult finish(MigrationFile file, Instant start, MongoSetHistory.Status status,
                                 Map<String, Long> counts, String error) {
        Duration took = Duration.between(start, Instant.now());
        run.history().finish(run.set(), file.version(), "up", status, took.toMillis(), new LinkedHashMap<>(counts),
                error);
        VersionResult result = new VersionResult(file.version(), file.label(), file.description(), file.fileName(),
                Direction.UP, status.name().toLowerCase(), took, counts, error);
        run.listener().on(new SetEvent.VersionFinished(Instant.now(), result));
        return result;
    }
}
