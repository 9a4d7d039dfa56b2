package dev.ferry.engine.split.validate;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import dev.ferry.store.mongo.MongoJournal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The source keys the plan's latest run put in quarantine. Those records were never written, so every check
 * expects them absent from the targets. Held in memory: a run that quarantines millions has failed its guardrails.
 *
 * @param runId the run the keys come from, null when the plan has no run
 */
public record Quarantine(String runId, Set<Object> keys) {

    private static final int IN_BATCH = 1000;

    public Quarantine {
        keys = Set.copyOf(keys);
    }

    public static Quarantine none() {
        return new Quarantine(null, Set.of());
    }

    public static Quarantine ofLatestRun(MongoJournal journal, String plan) {
        return journal.latestRun(plan)
                .map(run -> {
                    String id = String.valueOf(run.get("_id"));
                    return new Quarantine(id, new HashSet<>(journal.quarantinedKeys(id)));
                })
                .orElse(none());
    }

    public boolean contains(Object key) {
        return keys.contains(key);
    }

    public int size() {
        return keys.size();
    }

    /** How many quarantined records of the source match a filter now, asked of the source in batches of keys. */
    public long countMatching(MongoCollection<Document> source, String key, Bson filter) {
        long matching = 0;
        List<Object> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += IN_BATCH) {
            List<Object> chunk = all.subList(from, Math.min(all.size(), from + IN_BATCH));
            matching += source.countDocuments(Shell.and(filter, in(key, chunk)));
        }
        return matching;
    }

    /** One evidence line: where the keys come from and the query that finds them. */
    public String describe() {
        if (runId == null) {
            return "no run of this plan in " + MongoJournal.RUNS + ": no record is expected to be quarantined";
        }
        return Shell.n(keys.size()) + " records quarantined by run " + runId + ": db." + MongoJournal.QUARANTINE
                + ".find(" + Shell.json(new Document("run", runId)) + ")";
    }
}
