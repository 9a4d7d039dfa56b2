package dev.ferry.store.journal;

import dev.ferry.store.DocumentChecksum;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * One key range of a partitioned run as the journal keeps it: its bounds, who works it, how far it got.
 *
 * @param after      the range starts after this key (exclusive); null: from the first record
 * @param upTo       the range ends at this key (inclusive); null: to the last record
 * @param state      {@code PENDING}, {@code RUNNING}, {@code DONE}, {@code STOPPED} (paused, cancelled or failed)
 * @param owner      the worker that claimed it last: its checkpoints are fenced by it; null before the first claim
 * @param checkpoint its own checkpoint, batch numbers counted within the partition
 * @param takeovers  how many times a worker took it over from another that stopped
 */
public record PartitionRecord(String runId, int index, int count, Object after, Object upTo, String state,
                              String owner, Checkpoint checkpoint, String message, Instant updatedAt, int takeovers) {

    public PartitionRecord {
        checkpoint = checkpoint == null ? Checkpoint.START : checkpoint;
        message = message == null ? "" : message;
    }

    /** A range no worker has claimed yet. */
    public static PartitionRecord pending(String runId, int index, int count, Object after, Object upTo) {
        return new PartitionRecord(runId, index, count, after, upTo, "PENDING", null, Checkpoint.START, "", null, 0);
    }

    public boolean done() {
        return "DONE".equals(state);
    }

    /** The record's fields as a document (both stores keep it so: MongoDB as is, PostgreSQL as BSON bytes). */
    public Document toDocument() {
        Checkpoint c = checkpoint;
        return new Document("after", after).append("upTo", upTo).append("count", count)
                .append("checkpoint", new Document("batch", c.batch()).append("lastKey", c.lastKey())
                        .append("processed", c.processed()).append("quarantined", c.quarantined())
                        .append("total", c.total()).append("written", new Document(new LinkedHashMap<>(c.written())))
                        .append("sourceSum", c.sourceSum().toDocument()).append("elapsedMs", c.elapsedMs()));
    }

    /** Reads a partition back from {@link #toDocument()}'s fields and the columns kept beside them. */
    public static PartitionRecord from(Document d, String runId, int index, String state, String owner,
                                       String message, Instant updatedAt, int takeovers) {
        Document c = d.get("checkpoint", Document.class);
        Map<String, Long> written = new LinkedHashMap<>();
        c.get("written", Document.class).forEach((t, n) -> written.put(t, ((Number) n).longValue()));
        Checkpoint checkpoint = new Checkpoint(number(c, "batch"), c.get("lastKey"), number(c, "processed"),
                number(c, "quarantined"), number(c, "total"), written,
                DocumentChecksum.Sum.fromDocument(c.get("sourceSum", Document.class)), number(c, "elapsedMs"));
        return new PartitionRecord(runId, index, (int) number(d, "count"), d.get("after"), d.get("upTo"), state,
                owner, checkpoint, message, updatedAt, takeovers);
    }

    private static long number(Document d, String field) {
        Object v = d.get(field);
        return v instanceof Number n ? n.longValue() : v instanceof Date date ? date.getTime() : 0;
    }
}
