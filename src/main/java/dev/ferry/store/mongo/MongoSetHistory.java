package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The history of migration sets in the target database ({@code ferry_history}): one document per set and version
 * with its status (pending, completed, failed, rolled_back), the checksum of the file applied, who ran it, when,
 * for how long, what it changed, and every attempt as an event.
 */
public final class MongoSetHistory {

    public static final String HISTORY = "ferry_history";

    /** A version's state as the history records it. */
    public enum Status { PENDING, COMPLETED, FAILED, ROLLED_BACK }

    private final MongoCollection<Document> history;

    public MongoSetHistory(MongoStore store) {
        this.history = store.collection(HISTORY);
    }

    public void createIndexes() {
        history.createIndex(Indexes.ascending("set", "version"));
    }

    /** The set's versions as recorded, keyed by version. */
    public Map<Long, Document> entries(String set) {
        Map<Long, Document> out = new LinkedHashMap<>();
        history.find(eq("set", set)).sort(Indexes.ascending("version")).batchSize(1000)
                .forEach(d -> out.put(((Number) d.get("version")).longValue(), d));
        return out;
    }

    /**
     * Marks a version pending before any of its writes: a process that dies leaves it pending, never completed.
     *
     * @param action "up" or "down"
     */
    public void begin(String set, long version, String label, String description, String script, String checksum,
                      String action, String operator, String host, String owner) {
        Date now = new Date();
        Bson update = Updates.combine(
                Updates.set("set", set), Updates.set("version", version), Updates.set("label", label),
                Updates.set("description", description), Updates.set("script", script),
                Updates.set("status", Status.PENDING.name().toLowerCase()), Updates.set("action", action),
                Updates.set("operator", operator), Updates.set("host", host), Updates.set("owner", owner),
                Updates.set("startedAt", now), Updates.unset("error"),
                action.equals("up") ? Updates.combine(Updates.set("checksum", checksum), Updates.inc("attempts", 1))
                        : Updates.inc("rollbacks", 1),
                Updates.push("events", new Document("action", action).append("status", "started")
                        .append("at", now).append("operator", operator).append("host", host)));
        history.updateOne(eq("_id", id(set, version)), update, new UpdateOptions().upsert(true));
    }

    /** Records how a version's up or down ended: its status, duration, counts and, when it failed, why. */
    public void finish(String set, long version, String action, Status status, long durationMs,
                       Map<String, Long> counts, String error) {
        Date now = new Date();
        Document event = new Document("action", action)
                .append("status", status.name().toLowerCase()).append("at", now).append("durationMs", durationMs);
        if (error != null) {
            event.append("error", error);
        }
        Bson update = Updates.combine(Updates.set("status", status.name().toLowerCase()),
                Updates.set("durationMs", durationMs), Updates.set(action.equals("up") ? "counts" : "downCounts", new Document(counts)),
                error == null ? Updates.unset("error") : Updates.set("error", error),
                status == Status.COMPLETED ? Updates.set("appliedAt", now)
                        : status == Status.ROLLED_BACK ? Updates.set("rolledBackAt", now) : Updates.set("failedAt", now),
                Updates.push("events", event));
        history.updateOne(eq("_id", id(set, version)), update);
    }

    /** {@code repair}: accepts the file's current checksum for a version applied from an earlier file. */
    public boolean acceptChecksum(String set, long version, String checksum, String operator) {
        return history.updateOne(eq("_id", id(set, version)), Updates.combine(
                Updates.set("checksum", checksum),
                Updates.push("events", new Document("action", "repair").append("status", "checksum accepted")
                        .append("at", new Date()).append("operator", operator).append("checksum", checksum))))
                .getModifiedCount() == 1;
    }

    private static String id(String set, long version) {
        return set + "/" + version;
    }
}
