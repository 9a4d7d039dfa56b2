package dev.ferry.engine.split;

import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.journal.CreatedObject;
import dev.ferry.store.journal.CreatedObject.Kind;
import dev.ferry.store.journal.CreatedObject.State;
import dev.ferry.store.journal.Journal;
import java.util.ArrayList;
import java.util.List;

/**
 * The targets a run brings into being without a plan's {@code create:}: one that did not exist when the run began
 * (MongoDB creates a collection on its first write) goes on the run's record ({@link Journal#created()}) beside what
 * the plan creates, so that the rollback ({@code create/CreatedDrops}) leaves the collections and tables as they were.
 */
final class CreatedTargets {

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
}
