package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import dev.ferry.store.journal.PartitionRecord;
import dev.ferry.store.journal.Partitions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Partitions in {@code ferry_partitions}: one document per run and range, {@code _id} "run/index". */
public final class MongoPartitions implements Partitions {

    private final MongoCollection<Document> partitions;

    MongoPartitions(MongoCollection<Document> partitions) {
        this.partitions = partitions;
    }

    void createIndexes() {
        partitions.createIndex(Indexes.compoundIndex(Indexes.ascending("run"), Indexes.ascending("index")));
    }

    @Override
    public void plan(List<PartitionRecord> ranges) {
        for (PartitionRecord p : ranges) {
            Document doc = p.toDocument().append("_id", id(p.runId(), p.index())).append("run", p.runId())
                    .append("index", p.index()).append("state", p.state()).append("owner", p.owner())
                    .append("message", p.message()).append("takeovers", p.takeovers()).append("updatedAt", new Date());
            try {
                partitions.insertOne(doc);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    @Override
    public List<PartitionRecord> of(String runId) {
        List<PartitionRecord> out = new ArrayList<>();
        partitions.find(eq("run", runId)).sort(Sorts.ascending("index")).forEach(d -> out.add(PartitionRecord.from(d,
                runId, d.getInteger("index"), d.getString("state"), d.getString("owner"), d.getString("message"),
                d.getDate("updatedAt") == null ? null : d.getDate("updatedAt").toInstant(),
                d.getInteger("takeovers", 0))));
        return out;
    }

    @Override
    public boolean claim(String runId, int index, String owner) {
        Document current = partitions.find(eq("_id", id(runId, index))).first();
        if (current == null || "DONE".equals(current.getString("state"))) {
            return false;
        }
        String before = current.getString("owner");
        int takeovers = current.getInteger("takeovers", 0) + (before != null && !before.equals(owner)
                && "RUNNING".equals(current.getString("state")) ? 1 : 0);
        return partitions.updateOne(and(eq("_id", id(runId, index)), ne("state", "DONE"), eq("owner", before)),
                new Document("$set", new Document("owner", owner).append("state", "RUNNING")
                        .append("takeovers", takeovers).append("message", takeovers > current.getInteger("takeovers",
                                0) ? "taken over from " + before : "").append("updatedAt", new Date())))
                .getModifiedCount() == 1;
    }

    @Override
    public boolean checkpoint(String runId, int index, String owner, dev.ferry.store.journal.Checkpoint checkpoint) {
        Document k = new PartitionRecord(runId, index, 0, null, null, "RUNNING", owner, checkpoint, "", null, 0)
                .toDocument().get("checkpoint", Document.class);
        return partitions.updateOne(and(eq("_id", id(runId, index)), eq("owner", owner)),
                new Document("$set", new Document("checkpoint", k).append("updatedAt", new Date())))
                .getMatchedCount() == 1;
    }

    @Override
    public boolean finish(String runId, int index, String owner, String state, String message) {
        return partitions.updateOne(and(eq("_id", id(runId, index)), eq("owner", owner)),
                new Document("$set", new Document("state", state).append("message", message)
                        .append("updatedAt", new Date()))).getMatchedCount() == 1;
    }

    private static String id(String runId, int index) {
        return runId + "/" + index;
    }
}
