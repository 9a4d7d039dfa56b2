package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The journal of runs, kept in the target database beside the data it describes:
 * {@code ferry_runs} (one document per run, its state and last checkpoint), {@code ferry_batches},
 * {@code ferry_quarantine} (records that could not be migrated, with the reason and the source record).
 */
public final class MongoJournal {

    public static final String RUNS = "ferry_runs";
    public static final String BATCHES = "ferry_batches";
    public static final String QUARANTINE = "ferry_quarantine";

    private final MongoStore store;

    public MongoJournal(MongoStore store) {
        this.store = store;
    }

    public MongoCollection<Document> runs() {
        return store.collection(RUNS);
    }

    public MongoCollection<Document> batches() {
        return store.collection(BATCHES);
    }

    public MongoCollection<Document> quarantine() {
        return store.collection(QUARANTINE);
    }

    /** The most recently started run of a plan, if any. */
    public Optional<Document> latestRun(String plan) {
        return Optional.ofNullable(runs().find(eq("plan", plan)).sort(descending("startedAt")).first());
    }

    /** The source keys a run put in quarantine (as stored: the key's own BSON value). */
    public List<Object> quarantinedKeys(String runId) {
        List<Object> keys = new ArrayList<>();
        for (Document q : quarantine().find(eq("run", runId)).batchSize(1000)) {
            keys.add(q.get("key"));
        }
        return keys;
    }
}
