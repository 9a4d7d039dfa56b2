package dev.ferry.engine.split.create;

import dev.ferry.engine.runtime.LeaseLostException;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.Plan;
import dev.ferry.store.journal.CreatedObject;
import dev.ferry.store.journal.CreatedObject.Kind;
import dev.ferry.store.journal.CreatedObjects;
import dev.ferry.store.postgres.NewTable;
import dev.ferry.transform.RecordMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Creates what a run's plan asks for and is missing — tables and collections before the first batch, indexes after
 * the last (runbook 000 builds them once the data is in) — each recorded on the run's record before it is made and
 * marked made after, so that a crash in between is finished by the resume and undone by the rollback.
 */
public final class TargetCreation {
    private static final Predicate<CreatedObject> TARGETS = o -> o.kind() == Kind.TABLE || o.kind() == Kind.COLLECTION;

    private final PlanStores stores;
    private final Plan plan;
    private final CreationPlanner planner;
    private final ObjectActions actions;
    private CreationPlanner.CreationPlan planned;

    public TargetCreation(PlanStores stores, Plan plan, RecordMapper mapper) {
        this.stores = stores;
        this.plan = plan;
        this.planner = new CreationPlanner(stores, plan, mapper);
        this.actions = new ObjectActions(stores);
    }

    /** The targets whose table or collection does not exist yet and would be created. */
    public List<String> absentTargets() {
        return planned().objects().stream().filter(TARGETS).map(CreatedObject::name).toList();
    }

    /** The tables to create, by target, as they would be created (a dry run writes to copies of their shape). */
    public Map<String, NewTable> newTables() {
        return planned().tables();
    }

    /** What would be created, one line each, with each table's columns and where their types come from. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (CreatedObject o : planned().objects()) {
            switch (o.kind()) {
                case TABLE -> {
                    lines.add("would create before the first batch: " + o.definition() + ";");
                    planned().tables().get(o.target()).columns().forEach(c -> lines.add("    column " + c.name()
                            + " " + c.type() + (c.notNull() ? " NOT NULL" : "") + " — " + c.why()));
                }
                case COLLECTION -> lines.add("would create before the first batch: collection " + o.name());
                case TABLE_INDEX -> lines.add("would create after the last batch: " + o.definition() + ";");
                case COLLECTION_INDEX -> lines.add("would create after the last batch: index " + o.name() + " on "
                        + o.target() + " " + ObjectActions.describeIndex(o.definition()));
            }
        }
        return lines;
    }

    /** Makes the missing tables and collections (and finishes any a stopped attempt began). */
    public void createTargets(String runId, String owner) {
        create(runId, owner, TARGETS);
    }

    /** Makes the missing indexes (and finishes any a stopped attempt began). */
    public void createIndexes(String runId, String owner) {
        create(runId, owner, TARGETS.negate());
    }

    private void create(String runId, String owner, Predicate<CreatedObject> which) {
        CreatedObjects journal = stores.journal().created();
        List<CreatedObject> list = new ArrayList<>(journal.of(runId));
        boolean finished = false;
        for (int i = 0; i < list.size(); i++) {
            CreatedObject o = list.get(i);
            if (o.state() == CreatedObject.State.CREATING && which.test(o)) {
                if (!actions.exists(o)) {
                    actions.make(o);
                }
                list.set(i, o.in(CreatedObject.State.CREATED));
                record(journal, runId, owner, list);
                finished = true;
            }
        }
        if (finished) {
            planned = null; // what exists has changed since it was planned
        }
        for (CreatedObject o : planned().objects()) {
            if (which.test(o) && !actions.exists(o)) {
                list.add(o);
                record(journal, runId, owner, list);
                actions.make(o);
                list.set(list.size() - 1, o.in(CreatedObject.State.CREATED));
                record(journal, runId, owner, list);
            }
        }
    }

    private void record(CreatedObjects journal, String runId, String owner, List<CreatedObject> list) {
        if (!journal.record(runId, owner, list)) {
            throw new LeaseLostException(plan.name(), runId);
        }
    }

    private CreationPlanner.CreationPlan planned() {
        if (planned == null) {
            planned = planner.plan();
        }
        return planned;
    }
}
