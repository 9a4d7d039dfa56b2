package dev.ferry.engine.split;

import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.TargetWriter;
import dev.ferry.store.journal.CreatedObject;
import dev.ferry.store.journal.CreatedObject.Kind;
import dev.ferry.store.journal.CreatedObject.State;
import dev.ferry.store.journal.Journal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a run created in its targets' database, on the run's record ({@link Journal#created()}), and its rollback's
 * dropping of it: a target that did not exist when the run began (MongoDB creates a collection on its first write),
 * and whatever a plan asked to create (tables, collections, indexes), so that the database ends with exactly the
 * collections, tables and indexes it had.
 */
final class CreatedTargets {

    /** The verification line of a created target the rollback could not drop: someone else wrote to it since. */
    static final String KEPT = "kept, not dropped";

    private final Journal journal;

    CreatedTargets(Journal journal) {
        this.journal = journal;
    }

    /**
     * Records, before the run's first write, each target that does not exist yet (and that the run's record does not
     * name already), as created by the run.
     */
    void recordAbsent(String runId, String owner, Plan plan, PlanStores.Writers writers) {
        List<CreatedObject> objects = new ArrayList<>(journal.created().of(runId));
        int known = objects.size();
        for (TargetSpec t : plan.targets()) {
            Kind kind = t.isTable() ? Kind.TABLE : Kind.COLLECTION;
            boolean named = objects.stream().anyMatch(o -> o.kind() == kind && o.name().equals(t.collection()));
            if (!named && !writers.get(t.collection()).exists()) {
                objects.add(new CreatedObject(kind, t.collection(), t.collection(),
                        "created by the run's first write (it did not exist)", State.CREATED));
            }
        }
        if (objects.size() > known && !journal.created().record(runId, owner, objects)) {
            throw new dev.ferry.engine.runtime.LeaseLostException(plan.name(), runId);
        }
    }

    /**
     * Once the undo has emptied them, drops what the run created, last made first: its indexes, and its targets when
     * they hold nothing (one that holds records someone else wrote since is kept, and {@code verification} says so).
     * Each drop is marked on the run's record, so a rollback interrupted here drops the rest when run again.
     *
     * @return one line per thing dropped: "collection x (created by the run)"
     */
    List<String> dropAfterUndo(String runId, String owner, PlanStores.Writers writers, List<String> verification) {
        List<CreatedObject> objects = new ArrayList<>(journal.created().of(runId));
        List<String> dropped = new ArrayList<>();
        List<Integer> lastFirst = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            lastFirst.add(i);
        }
        Collections.reverse(lastFirst);
        for (int i : lastFirst) {
            CreatedObject o = objects.get(i);
            if (o.state() == State.DROPPED) {
                continue;
            }
            TargetWriter target = writers.get(o.target());
            if (o.kind() == Kind.TABLE_INDEX || o.kind() == Kind.COLLECTION_INDEX) {
                target.dropIndex(o.name());
            } else if (!target.dropIfEmpty()) {
                long n = target.count();
                verification.add(o.describe() + ": created by the run, " + KEPT + ": it holds " + n
                        + (o.kind() == Kind.TABLE ? n == 1 ? " row" : " rows" : n == 1 ? " document" : " documents")
                        + " the run did not write");
                continue;
            }
            objects.set(i, o.in(State.DROPPED));
            journal.created().record(runId, owner, objects);
            dropped.add(o.describe() + " (created by the run)");
        }
        return dropped;
    }
}
