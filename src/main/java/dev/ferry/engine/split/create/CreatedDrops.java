package dev.ferry.engine.split.create;

import dev.ferry.engine.runtime.LeaseLostException;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.store.journal.CreatedObject;
import dev.ferry.store.journal.CreatedObject.Kind;
import dev.ferry.store.journal.CreatedObjects;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A rollback's last step: drops what the run created, newest first (indexes, then a fan-out child before its
 * parent), once the undo has removed what the run wrote. A table or collection that still holds records — someone
 * else's, written since — is kept and said so: the rollback drops only what is the run's alone.
 */
public final class CreatedDrops {

    /**
     * @param lines    one line per object, for the rollback's verification
     * @param dropped  the targets (tables, collections) that no longer exist because the run had created them
     * @param objects  what this rollback dropped, described ("table public.reviews", "index …")
     * @param complete false when something the run created was kept (it holds records the run did not write)
     */
    public record Dropped(List<String> lines, Set<String> dropped, List<String> objects, boolean complete) { }

    private CreatedDrops() {
    }

    /** @param owner the rollback's lease owner, which the run's record names while it rolls back */
    public static Dropped drop(PlanStores stores, String plan, String runId, String owner) {
        CreatedObjects journal = stores.journal().created();
        ObjectActions actions = new ObjectActions(stores);
        List<CreatedObject> list = new ArrayList<>(journal.of(runId));
        List<String> lines = new ArrayList<>();
        Set<String> dropped = new LinkedHashSet<>();
        List<String> objects = new ArrayList<>();
        boolean complete = true;
        for (int i = list.size() - 1; i >= 0; i--) {
            CreatedObject o = list.get(i);
            boolean target = o.kind() == Kind.TABLE || o.kind() == Kind.COLLECTION;
            if (o.state() == CreatedObject.State.DROPPED) {
                if (target) {
                    dropped.add(o.name());
                }
                continue;
            }
            if (actions.exists(o)) {
                long left = actions.records(o);
                if (left > 0) {
                    String what = o.kind() == Kind.TABLE ? left == 1 ? "row" : "rows"
                            : left == 1 ? "document" : "documents";
                    lines.add(o.describe() + ": created by the run but kept — it holds " + left + " " + what
                            + " the run did not write; drop it yourself once they are not needed");
                    complete = false;
                    continue;
                }
                actions.drop(o);
                lines.add(o.describe() + ": created by the run, dropped");
                objects.add(o.describe());
            }
            list.set(i, o.in(CreatedObject.State.DROPPED));
            if (!journal.record(runId, owner, list)) {
                throw new LeaseLostException(plan, runId);
            }
            if (target) {
                dropped.add(o.name());
            }
        }
        return new Dropped(lines, dropped, objects, complete);
    }
}
