package dev.ferry.engine.set.mongo;

import dev.ferry.engine.set.Direction;
import dev.ferry.engine.set.Selection;
import dev.ferry.engine.set.SetListener;
import dev.ferry.engine.set.SetReport;
import dev.ferry.engine.set.SetStatusReport;
import dev.ferry.engine.set.VersionResult;
import dev.ferry.engine.set.VersionStatus;

import dev.ferry.engine.runtime.Identity;
import dev.ferry.engine.runtime.LeaseKeeper;
import dev.ferry.engine.RunControl;
import dev.ferry.plan.MigrationSet;
import dev.ferry.store.mongo.MongoLease;
import dev.ferry.store.mongo.MongoSetHistory;
import dev.ferry.store.mongo.MongoSetUndo;
import dev.ferry.store.mongo.MongoStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a set's selected versions in order under the set lease — up oldest first, down newest first — and stops at
 * the first that fails, saying which and why; the versions after it are reported as not run.
 */
final class SetRunner {

    private final MongoStore store;
    private final Duration leaseTtl;
    private final int batchSize;

    SetRunner(MongoStore store, Duration leaseTtl, int batchSize) {
        this.store = store;
        this.leaseTtl = leaseTtl;
        this.batchSize = batchSize;
    }

    SetReport run(MigrationSet set, Direction direction, Selection selection, RunControl control,
                  SetListener listener) {
        Instant start = Instant.now();
        MongoSetHistory history = new MongoSetHistory(store);
        MongoSetUndo undo = new MongoSetUndo(store);
        history.createIndexes();
        undo.createIndexes();
        Identity me = Identity.current();
        MongoLease lease = SetLease.acquire(store, me, leaseTtl, set.name() + ": " + direction.word()
                + describe(selection));
        try (LeaseKeeper keeper = new LeaseKeeper(lease, control)) {
            SetStatusReport status = new SetInspector(store, SetLease.name(store)).inspect(set);
            List<VersionStatus> picked = direction == Direction.UP ? SetSelector.forUp(status, selection)
                    : SetSelector.forDown(status, selection);
            SetRun run = new SetRun(store, set.name(), history, undo, me, lease, batchSize, control, listener);
            List<VersionResult> results = new ArrayList<>();
            List<String> notRun = new ArrayList<>();
            for (int i = 0; i < picked.size(); i++) {
                VersionStatus v = picked.get(i);
                if (!results.isEmpty() && results.get(results.size() - 1).failed()) {
                    notRun.add("V" + v.label());
                    continue;
                }
                results.add(direction == Direction.UP
                        ? new VersionUp(run).apply(set.file(v.version()).orElseThrow(), i + 1, picked.size())
                        : new VersionDown(run).rollBack(v, set.file(v.version()).orElse(null), i + 1, picked.size()));
            }
            Duration elapsed = Duration.between(start, Instant.now());
            return new SetReport(set.name(), store.databaseName(), direction, results, notRun, elapsed,
                    message(set, direction, selection, status, results, notRun));
        }
    }

    private static String message(MigrationSet set, Direction direction, Selection selection, SetStatusReport before,
                                  List<VersionResult> results, List<String> notRun) {
        if (results.isEmpty()) {
            return nothingToDo(set, direction, selection, before);
        }
        VersionResult last = results.get(results.size() - 1);
        if (last.failed()) {
            String next = direction == Direction.UP
                    ? "Fix the cause and run 'set up' again: it undoes what V" + last.label() + "'s attempt did, then"
                    + " retries it" + (notRun.isEmpty() ? "" : " and continues with " + String.join(", ", notRun))
                    : "Versions after it in this run were not rolled back" + (notRun.isEmpty() ? "" : " ("
                    + String.join(", ", notRun) + ")");
            return "V" + last.label() + " (" + last.script() + ") failed: " + last.error() + ". " + next + ".";
        }
        return (direction == Direction.UP ? "Applied " : "Rolled back ") + results.size()
                + (results.size() == 1 ? " version" : " versions") + " of " + set.name() + ".";
    }

    private static String nothingToDo(MigrationSet set, Direction direction, Selection selection,
                                      SetStatusReport before) {
        if (selection.mode() == Selection.Mode.ONLY) {
            VersionStatus v = before.versions().stream().filter(s -> s.version() == selection.version())
                    .findFirst().orElseThrow();
            return "Nothing to do: V" + v.label() + " is " + v.status().replace('_', ' ')
                    + (direction == Direction.UP ? " already." : " (not applied), so there is nothing to roll back.");
        }
        return direction == Direction.UP ? "Nothing to do: every version of " + set.name() + " in range is applied."
                : "Nothing to roll back: no version of " + set.name() + " in range is applied.";
    }

    private static String describe(Selection selection) {
        return switch (selection.mode()) {
            case ALL -> "";
            case TO -> " --to " + selection.version();
            case ONLY -> " --only " + selection.version();
        };
    }
}
