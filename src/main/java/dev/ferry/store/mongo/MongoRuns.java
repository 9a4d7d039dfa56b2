package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.journal.Checkpoint;
import dev.ferry.store.journal.RunRecord;
import dev.ferry.store.journal.RunSource;
import dev.ferry.store.journal.Runs;
import dev.ferry.store.journal.VerdictRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Runs in {@code ferry_runs}, one document each, read and written in the layout every version has used: the run's
 * fields at the top level, its checkpoint beside them, {@code validation} for its latest verdict.
 */
public final class MongoRuns implements Runs {

    private final MongoCollection<Document> runs;

    MongoRuns(MongoCollection<Document> runs) {
        this.runs = runs;
    }

    void createIndexes() {
        runs.createIndex(Indexes.compoundIndex(Indexes.ascending("plan"), Indexes.descending("startedAt")));
    }

    @Override
    public String place() {
        return runs.getNamespace().getCollectionName();
    }

    @Override
    public void insert(RunRecord run) {
        Document preRun = new Document();
        run.preRun().forEach((t, sum) -> preRun.append(t, sum.toDocument()));
        Document doc = new Document("_id", run.runId()).append("plan", run.plan()).append("planHash", run.planHash())
                .append("state", run.state()).append("owner", run.owner()).append("operator", run.operator())
                .append("host", run.host()).append("startedAt", date(run.startedAt()))
                .append("database", run.database()).append("source", run.source().name())
                .append("sourceFilter", run.source().filter()).append("sourceStore", run.source().store())
                .append("sourceKey", run.source().key()).append("targets", run.targets())
                .append("batchSize", run.batchSize()).append("preRun", preRun)
                .append("batch", run.checkpoint().batch()).append("processed", run.checkpoint().processed())
                .append("quarantined", run.checkpoint().quarantined()).append("message", run.message());
        if (!run.checkpoint().equals(Checkpoint.START)) {
            doc.putAll(checkpoint(run.checkpoint()));
        }
        runs.insertOne(doc);
    }

    @Override
    public Optional<RunRecord> find(String runId) {
        return Optional.ofNullable(runs.find(eq("_id", runId)).first()).map(MongoRuns::record);
    }

    @Override
    public Optional<RunRecord> latest(String plan) {
        return Optional.ofNullable(runs.find(eq("plan", plan)).sort(descending("startedAt")).first())
                .map(MongoRuns::record);
    }

    @Override
    public List<RunRecord> newestFirst(String plan, int limit) {
        List<RunRecord> out = new ArrayList<>();
        runs.find(plan == null ? new Document() : eq("plan", plan)).sort(descending("startedAt")).limit(limit)
                .batchSize(limit).forEach(d -> out.add(record(d)));
        return out;
    }

    @Override
    public void resume(String runId, String owner, String message) {
        set(runId, new Document("state", "RUNNING").append("owner", owner).append("message", message)
                .append("endedAt", null));
    }

    @Override
    public void note(String runId, String message) {
        set(runId, new Document("message", message));
    }

    @Override
    public boolean checkpoint(String runId, String owner, Checkpoint checkpoint) {
        return setAsOwner(runId, owner, checkpoint(checkpoint));
    }

    @Override
    public boolean changeState(String runId, String owner, String state, String message, Instant endedAt) {
        Document fields = new Document("state", state).append("message", message);
        if (endedAt != null) {
            fields.append("endedAt", date(endedAt));
        }
        return setAsOwner(runId, owner, fields);
    }

    @Override
    public boolean markPaused(String runId, List<String> owners, String message) {
        return runs.updateOne(and(eq("_id", runId), in("owner", owners), in("state", "RUNNING", "INTERRUPTED")),
                new Document("$set", new Document("state", "PAUSED").append("message", message)
                        .append("updatedAt", new Date()))).getMatchedCount() == 1;
    }

    @Override
    public void startRollback(String runId, String owner) {
        set(runId, new Document("state", "ROLLING_BACK").append("owner", owner));
    }

    @Override
    public void rolledBack(String runId, String message, boolean verified, Instant at) {
        set(runId, new Document("state", "ROLLED_BACK").append("message", message).append("rolledBackAt", date(at))
                .append("rollbackVerified", verified));
    }

    @Override
    public void recordVerdict(String runId, VerdictRecord v) {
        runs.updateOne(eq("_id", runId), new Document("$set", new Document("validation", new Document("at", date(v.at()))
                .append("passed", v.passed()).append("mismatched", v.mismatched())
                .append("cannotCheck", v.cannotCheck()).append("summary", v.summary()))));
    }

    /** Sets fields of a run in one atomic update, stamping {@code updatedAt}. */
    private void set(String runId, Document fields) {
        runs.updateOne(eq("_id", runId), new Document("$set", new Document(fields).append("updatedAt", new Date())));
    }

    /** Sets fields only while {@code owner} still owns the run; false when another process took it over. */
    private boolean setAsOwner(String runId, String owner, Document fields) {
        return runs.updateOne(and(eq("_id", runId), eq("owner", owner)),
                new Document("$set", new Document(fields).append("updatedAt", new Date()))).getMatchedCount() == 1;
    }

    private static Document checkpoint(Checkpoint c) {
        return new Document("batch", c.batch()).append("lastKey", c.lastKey()).append("processed", c.processed())
                .append("quarantined", c.quarantined()).append("total", c.total())
                .append("written", new Document(new LinkedHashMap<>(c.written())))
                .append("sourceSum", c.sourceSum().toDocument()).append("elapsedMs", c.elapsedMs());
    }

    /** A run document of any version as a record: fields added since the first release may be missing. */
    static RunRecord record(Document d) {
        Map<String, DocumentChecksum.Sum> preRun = new LinkedHashMap<>();
        Document pre = d.get("preRun", Document.class);
        if (pre != null) {
            pre.forEach((t, sum) -> preRun.put(t, DocumentChecksum.Sum.fromDocument((Document) sum)));
        }
        Map<String, Long> written = new LinkedHashMap<>();
        Document w = d.get("written", Document.class);
        if (w != null) {
            w.forEach((t, n) -> written.put(t, number(n)));
        }
        Checkpoint checkpoint = new Checkpoint(number(d.get("batch")), d.get("lastKey"), number(d.get("processed")),
                number(d.get("quarantined")), number(d.get("total")), written,
                DocumentChecksum.Sum.fromDocument(d.get("sourceSum", Document.class)), number(d.get("elapsedMs")));
        RunSource source = new RunSource(d.getString("source"), d.get("sourceFilter", Document.class),
                d.getString("sourceKey"), d.getString("sourceStore"));
        return new RunRecord(String.valueOf(d.get("_id")), d.getString("plan"), d.getString("planHash"),
                d.getString("state"), d.getString("owner"), d.getString("operator"), d.getString("host"),
                d.getString("database"), source, d.getList("targets", String.class, List.of()),
                (int) number(d.get("batchSize")), preRun, checkpoint, d.getString("message"), instant(d, "startedAt"),
                instant(d, "updatedAt"), instant(d, "endedAt"), instant(d, "rolledBackAt"),
                d.getBoolean("rollbackVerified"), verdict(d.get("validation", Document.class)));
    }

    private static VerdictRecord verdict(Document v) {
        if (v == null || v.getDate("at") == null) {
            return null;
        }
        return new VerdictRecord(v.getDate("at").toInstant(), (int) number(v.get("passed")),
                (int) number(v.get("mismatched")), (int) number(v.get("cannotCheck")), v.getString("summary"));
    }

    static Date date(Instant at) {
        return at == null ? null : Date.from(at);
    }

    static Instant instant(Document d, String field) {
        return d.get(field) instanceof Date date ? date.toInstant() : null;
    }

    static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
