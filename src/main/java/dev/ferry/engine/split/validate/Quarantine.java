package dev.ferry.engine.split.validate;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import dev.ferry.store.journal.Journal;
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
 * @param runId   the run the keys come from, null when the plan has no run
 * @param runs    where the journal keeps runs ({@code ferry_runs}, {@code ferry.runs})
 * @param query   the query that lists the run's quarantined records
 */
public record Quarantine(String runId, Set<Object> keys, String runs, String query) {

    private static final int IN_BATCH = 1000;

    public Quarantine {
        keys = Set.copyOf(keys);
    }

    public static Quarantine none(String runs) {
        return new Quarantine(null, Set.of(), runs, "");
    }

    public static Quarantine ofLatestRun(Journal journal, String plan) {
        return journal.runs().latest(plan)
                .map(run -> new Quarantine(run.runId(), new HashSet<>(journal.quarantine().keys(run.runId())),
                        journal.runs().place(), journal.quarantine().query(run.runId())))
                .orElse(none(journal.runs().place()));
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

    /**
     * The quarantined records of the source that match a filter now, by their keys as the source holds them: what
     * every check counts and skips as quarantined, so that they agree with each other.
     */
    public Set<Object> keysIn(MongoCollection<Document> source, String key, Bson filter) {
        Set<Object> found = new HashSet<>();
        List<Object> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += IN_BATCH) {
            List<Object> chunk = all.subList(from, Math.min(all.size(), from + IN_BATCH));
            for (Document d : source.find(Shell.and(filter, in(key, chunk))).projection(new Document(key, 1))) {
                found.add(dev.ferry.store.SourceKeys.valueAt(d, key));
            }
        }
        return found;
    }

    /** One evidence line: where the keys come from and the query that finds them. */
    public String describe() {
        if (runId == null) {
            return "no run of this plan in " + runs + ": no record is expected to be quarantined";
        }
        return Shell.n(keys.size()) + " records quarantined by run " + runId + ": " + query;
    }
}
