package dev.ferry.engine.split;

import dev.ferry.engine.RepairReport.Item;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.TargetWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A repair's decisions for every mismatched target, and what it says of asked-for keys that needed none.
 *
 * @param checked source records compared with their targets
 * @param others  asked-for keys that match already or that no source record has
 */
record RepairDecisions(long checked, List<RepairDecision> items, List<Item> others) {

    RepairDecisions {
        items = List.copyOf(items);
        others = List.copyOf(others);
    }

    /** The same decisions, each written target compared again with what the plan makes of its source. */
    RepairDecisions rechecked(PlanStores.Writers writers) {
        Map<String, List<Object>> ids = new LinkedHashMap<>();
        items.stream().filter(RepairDecision::repair).forEach(d -> ids.computeIfAbsent(d.mismatch().target(),
                t -> new ArrayList<>()).add(d.mismatch().targetId()));
        Map<String, Map<Object, Document>> stored = new LinkedHashMap<>();
        ids.forEach((t, list) -> stored.put(t, writers.get(t).stored(list)));
        List<RepairDecision> out = new ArrayList<>();
        for (RepairDecision d : items) {
            if (!d.repair()) {
                out.add(d);
                continue;
            }
            TargetWriter writer = writers.get(d.mismatch().target());
            Document now = stored.get(d.mismatch().target()).get(SourceKeys.identity(d.mismatch().targetId()));
            out.add(d.checked(now != null && now.equals(writer.comparable(d.mismatch().expected()))));
        }
        return new RepairDecisions(checked, out, others);
    }

    long stillMismatched() {
        return items.stream().filter(d -> d.repair() && Boolean.FALSE.equals(d.matchesNow())).count();
    }
}
