package dev.ferry.store.mongo;

import dev.ferry.store.Secrets;
import dev.ferry.store.TargetPressure;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * A MongoDB target's pressure: the replication lag of its secondaries, from {@code replSetGetStatus} (the primary's
 * optime against each secondary's). A server that is no replica set — a standalone, or the in-process demo server,
 * which has no such command — reports none: the reading says so and the run is not throttled on it. MongoDB's oplog
 * rate is not read.
 */
public final class MongoPressure implements TargetPressure {

    private final MongoStore store;

    public MongoPressure(MongoStore store) {
        this.store = store;
    }

    @Override
    public Reading read() {
        Document status;
        try {
            status = store.admin().runCommand(new Document("replSetGetStatus", 1));
        } catch (RuntimeException e) {
            return new Reading(Optional.empty(), Optional.empty(), "the MongoDB server reports no replica set"
                    + " (replSetGetStatus: " + Secrets.redact(String.valueOf(e.getMessage())) + "), so replica lag"
                    + " cannot be watched and the run is not slowed for it");
        }
        List<Document> members = status.getList("members", Document.class, List.of());
        Date primary = null;
        Date slowest = null;
        for (Document m : members) {
            Date optime = m.getDate("optimeDate");
            if (optime == null) {
                continue;
            }
            if ("PRIMARY".equals(m.getString("stateStr"))) {
                primary = optime;
            } else if ("SECONDARY".equals(m.getString("stateStr"))) {
                slowest = slowest == null || optime.before(slowest) ? optime : slowest;
            }
        }
        if (primary == null || slowest == null) {
            return new Reading(Optional.of(Duration.ZERO), Optional.empty(), "");
        }
        return new Reading(Optional.of(Duration.ofMillis(Math.max(0, primary.getTime() - slowest.getTime()))),
                Optional.empty(), "");
    }
}
