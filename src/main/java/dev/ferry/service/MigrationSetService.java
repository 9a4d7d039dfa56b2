package dev.ferry.service;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.set.Direction;
import dev.ferry.engine.connect.Engines;
import dev.ferry.engine.set.SetEngine;
import dev.ferry.engine.set.Selection;
import dev.ferry.engine.set.SetListener;
import dev.ferry.engine.set.SetReport;
import dev.ferry.engine.set.SetStatusReport;
import dev.ferry.plan.MigrationSet;
import dev.ferry.plan.MigrationSetLoader;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Versioned migration sets on the session's database, in the background: load a set folder with its status, and
 * apply or roll back versions. Results and failures come back on the UI thread, failures in words.
 */
public final class MigrationSetService {

    private final TaskExecutor executor;
    private final Session session;

    public MigrationSetService(TaskExecutor executor, Session session) {
        this.executor = executor;
        this.session = session;
    }

    /** A set folder and its status on the database; {@code report} is the run that led to it (null after a load). */
    public record Loaded(MigrationSet set, SetStatusReport status, SetReport report) { }

    public void load(Path dir, Consumer<Loaded> done, Consumer<String> failed) {
        if (session.engine() == null) {
            failed.accept("Connect to a database first: the history of a set lives in the database.");
            return;
        }
        if (Engines.sets(session.engine()).isEmpty()) {
            failed.accept("Versioned migration sets run on MongoDB; connect to the MongoDB database the set is for."
                    + " (PostgreSQL schema changes are plans with kind: postgres-operations, on the Plan screen.)");
            return;
        }
        executor.execute(BackgroundTask.of("open migration set", () -> {
            MigrationSet set = MigrationSetLoader.load(dir);
            return new Loaded(set, sets().status(set), null);
        }).onSuccess(done).onFailure(error -> failed.accept(report("Opening the set", error))));
    }

    /**
     * Applies ({@code UP}) or rolls back ({@code DOWN}) the selected versions; {@code progress} gets engine events on
     * the engine's thread. {@code done} gets the report and the status after it.
     */
    public void run(MigrationSet set, Direction direction, Selection selection, SetListener progress,
                    Consumer<Loaded> done, Consumer<String> failed) {
        String what = direction == Direction.UP ? "set up" : "set down";
        session.info("migrations", what + " of " + set.name() + " started");
        executor.execute(BackgroundTask.of(what, () -> {
            SetEngine sets = sets();
            SetReport report = direction == Direction.UP ? sets.up(set, selection, new RunControl(), progress)
                    : sets.down(set, selection, new RunControl(), progress);
            return new Loaded(set, sets.status(set), report);
        }).onSuccess(loaded -> {
            if (loaded.report().succeeded()) {
                session.info("migrations", loaded.report().message());
            } else {
                session.error("migrations", loaded.report().message());
            }
            done.accept(loaded);
        }).onFailure(error -> failed.accept(report("The " + what, error))));
    }

    /**
     * Releases the database's set lease by hand (the operator confirmed its holder is gone), only while {@code owner}
     * still holds it; {@code done} gets the set's status afterwards.
     */
    public void releaseLease(MigrationSet set, String owner, Consumer<Loaded> done, Consumer<String> failed) {
        executor.execute(BackgroundTask.of("release set lease", () -> {
            boolean released = sets().releaseLease(owner);
            return new Released(released, new Loaded(set, sets().status(set), null));
        }).onSuccess(result -> {
            if (result.released()) {
                session.warn("migrations", "Released by hand the set lease held by " + owner);
            } else {
                session.info("migrations", "The set lease changed hands or expired meanwhile: nothing released");
            }
            done.accept(result.after());
        }).onFailure(error -> failed.accept(report("Releasing the lease", error))));
    }

    private record Released(boolean released, Loaded after) { }

    private SetEngine sets() {
        return Engines.sets(session.engine()).orElseThrow(() -> new dev.ferry.FerryException("Versioned migration"
                + " sets run on MongoDB; the console is connected to " + (session.engine() == null ? "no database"
                : session.engine().kind()) + "."));
    }

    private String report(String what, Throwable error) {
        String reason = Failures.describe(what, error);
        session.error("migrations", reason);
        return reason;
    }
}
