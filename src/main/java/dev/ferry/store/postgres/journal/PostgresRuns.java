package dev.ferry.store.postgres.journal;

import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.journal.Checkpoint;
import dev.ferry.store.journal.RunRecord;
import dev.ferry.store.journal.RunSource;
import dev.ferry.store.journal.Runs;
import dev.ferry.store.journal.VerdictRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** Runs in {@code ferry.runs}, one row each: the run, its checkpoint in columns beside it, its latest verdict. */
final class PostgresRuns implements Runs {

    private static final String COLUMNS = "run_id, plan, plan_hash, state, owner, operator, host, database_name,"
            + " source_name, source_filter, source_key, source_store, targets, batch_size, pre_run::text, batch,"
            + " last_key, processed, quarantined, total, written::text, source_count, source_sum, elapsed_ms, message,"
            + " started_at, updated_at, ended_at, rolled_back_at, rollback_verified, verdict_at, verdict_passed,"
            + " verdict_mismatched, verdict_cannot_check, verdict_summary";

    private final JournalDatabase db;
    private final String runs;

    PostgresRuns(JournalDatabase db) {
        this.db = db;
        this.runs = db.table(JournalTables.RUNS);
    }

    @Override
    public String place() {
        return db.schema() + "." + JournalTables.RUNS;
    }

    @Override
    public void insert(RunRecord r) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + runs + " (run_id, plan, plan_hash, state,"
                    + " owner, operator, host, database_name, source_name, source_filter, source_key, source_store,"
                    + " targets, batch_size, pre_run, message, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, CAST(? AS jsonb), ?, ?)")) {
                int i = 1;
                for (String v : new String[] {r.runId(), r.plan(), r.planHash(), r.state(), r.owner(), r.operator(),
                        r.host(), r.database(), r.source().name()}) {
                    s.setString(i++, v);
                }
                s.setBytes(i++, BsonBytes.document(r.source().filter()));
                s.setString(i++, r.source().key());
                s.setString(i++, r.source().store());
                s.setArray(i++, c.createArrayOf("text", r.targets().toArray()));
                s.setInt(i++, r.batchSize());
                s.setString(i++, sums(r.preRun()));
                s.setString(i++, r.message());
                Times.set(s, i, r.startedAt());
                s.executeUpdate();
            }
            if (!r.checkpoint().equals(Checkpoint.START)) {
                checkpoint(r.runId(), r.owner(), r.checkpoint());
            }
            return null;
        });
    }

    @Override
    public Optional<RunRecord> find(String runId) {
        return one("run_id = ?", runId);
    }

    @Override
    public Optional<RunRecord> latest(String plan) {
        return one("plan = ? ORDER BY started_at DESC LIMIT 1", plan);
    }

    @Override
    public List<RunRecord> newestFirst(String plan, int limit) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + runs
                    + (plan == null ? "" : " WHERE plan = ?") + " ORDER BY started_at DESC LIMIT ?")) {
                int i = 1;
                if (plan != null) {
                    s.setString(i++, plan);
                }
                s.setInt(i, limit);
                return all(s);
            }
        }, List.of());
    }

    private Optional<RunRecord> one(String where, String value) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + runs + " WHERE " + where)) {
                s.setString(1, value);
                return all(s).stream().findFirst();
            }
        }, Optional.empty());
    }

    @Override
    public void resume(String runId, String owner, String message) {
        update("state = 'RUNNING', owner = ?, message = ?, ended_at = NULL", "run_id = ?", owner, message, runId);
    }

    @Override
    public void note(String runId, String message) {
        update("message = ?", "run_id = ?", message, runId);
    }

    @Override
    public boolean checkpoint(String runId, String owner, Checkpoint k) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + runs + " SET batch = ?, last_key = ?,"
                    + " last_key_text = ?, processed = ?, quarantined = ?, total = ?, written = CAST(? AS jsonb),"
                    + " source_count = ?, source_sum = ?, elapsed_ms = ?, updated_at = ? WHERE run_id = ? AND owner = ?")) {
                s.setLong(1, k.batch());
                s.setBytes(2, BsonBytes.value(k.lastKey()));
                s.setString(3, k.lastKey() == null ? null : SourceKeys.render(k.lastKey()));
                s.setLong(4, k.processed());
                s.setLong(5, k.quarantined());
                s.setLong(6, k.total());
                s.setString(7, counts(k.written()));
                s.setLong(8, k.sourceSum().count());
                s.setLong(9, k.sourceSum().sum());
                s.setLong(10, k.elapsedMs());
                s.setObject(11, Times.now());
                s.setString(12, runId);
                s.setString(13, owner);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean changeState(String runId, String owner, String state, String message, Instant endedAt) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + runs + " SET state = ?, message = ?,"
                    + " ended_at = COALESCE(?, ended_at), updated_at = ? WHERE run_id = ? AND owner = ?")) {
                s.setString(1, state);
                s.setString(2, message);
                Times.set(s, 3, endedAt);
                s.setObject(4, Times.now());
                s.setString(5, runId);
                s.setString(6, owner);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean markPaused(String runId, List<String> owners, String message) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + runs + " SET state = 'PAUSED', message = ?,"
                    + " updated_at = ? WHERE run_id = ? AND owner = ANY (?) AND state IN ('RUNNING', 'INTERRUPTED')")) {
                s.setString(1, message);
                s.setObject(2, Times.now());
                s.setString(3, runId);
                s.setArray(4, c.createArrayOf("text", owners.toArray()));
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void startRollback(String runId, String owner) {
        update("state = 'ROLLING_BACK', owner = ?", "run_id = ?", owner, runId);
    }

    @Override
    public void rolledBack(String runId, String message, boolean verified, Instant at) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + runs + " SET state = 'ROLLED_BACK', message = ?,"
                    + " rolled_back_at = ?, rollback_verified = ?, updated_at = ? WHERE run_id = ?")) {
                s.setString(1, message);
                Times.set(s, 2, at);
                s.setBoolean(3, verified);
                s.setObject(4, Times.now());
                s.setString(5, runId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void recordVerdict(String runId, VerdictRecord v) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + runs + " SET verdict_at = ?, verdict_passed = ?,"
                    + " verdict_mismatched = ?, verdict_cannot_check = ?, verdict_summary = ? WHERE run_id = ?")) {
                Times.set(s, 1, v.at());
                s.setInt(2, v.passed());
                s.setInt(3, v.mismatched());
                s.setInt(4, v.cannotCheck());
                s.setString(5, v.summary());
                s.setString(6, runId);
                return s.executeUpdate();
            }
        });
    }

    /** {@code SET set, updated_at = now WHERE where}, binding {@code values} in order (the time goes between). */
    private void update(String set, String where, String... values) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + runs + " SET " + set + ", updated_at = ?"
                    + " WHERE " + where)) {
                int setParams = (int) set.chars().filter(ch -> ch == '?').count();
                int i = 1;
                for (int v = 0; v < values.length; v++) {
                    if (v == setParams) {
                        s.setObject(i++, Times.now());
                    }
                    s.setString(i++, values[v]);
                }
                return s.executeUpdate();
            }
        });
    }

    private static List<RunRecord> all(PreparedStatement s) throws SQLException {
        List<RunRecord> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(record(r));
            }
        }
        return out;
    }

    private static RunRecord record(ResultSet r) throws SQLException {
        Map<String, DocumentChecksum.Sum> preRun = new LinkedHashMap<>();
        Document pre = Document.parse(r.getString("pre_run"));
        pre.forEach((t, sum) -> preRun.put(t, DocumentChecksum.Sum.fromDocument((Document) sum)));
        Map<String, Long> written = new LinkedHashMap<>();
        Document.parse(r.getString("written")).forEach((t, n) -> written.put(t, ((Number) n).longValue()));
        Checkpoint checkpoint = new Checkpoint(r.getLong("batch"), BsonBytes.value(r.getBytes("last_key")),
                r.getLong("processed"), r.getLong("quarantined"), r.getLong("total"), written,
                new DocumentChecksum.Sum(r.getLong("source_count"), r.getLong("source_sum")), r.getLong("elapsed_ms"));
        RunSource source = new RunSource(r.getString("source_name"), BsonBytes.document(r.getBytes("source_filter")),
                r.getString("source_key"), r.getString("source_store"));
        Boolean verified = r.getObject("rollback_verified") == null ? null : r.getBoolean("rollback_verified");
        Instant verdictAt = Times.instant(r, "verdict_at");
        VerdictRecord verdict = verdictAt == null ? null : new VerdictRecord(verdictAt, r.getInt("verdict_passed"),
                r.getInt("verdict_mismatched"), r.getInt("verdict_cannot_check"), r.getString("verdict_summary"));
        return new RunRecord(r.getString("run_id"), r.getString("plan"), r.getString("plan_hash"),
                r.getString("state"), r.getString("owner"), r.getString("operator"), r.getString("host"),
                r.getString("database_name"), source, List.of((String[]) r.getArray("targets").getArray()),
                r.getInt("batch_size"), preRun, checkpoint, r.getString("message"), Times.instant(r, "started_at"),
                Times.instant(r, "updated_at"), Times.instant(r, "ended_at"), Times.instant(r, "rolled_back_at"),
                verified, verdict);
    }

    /** {target: {count, sum}} as JSON (jsonb keeps 64-bit integers exactly). */
    private static String sums(Map<String, DocumentChecksum.Sum> sums) {
        Document d = new Document();
        sums.forEach((t, sum) -> d.append(t, sum.toDocument()));
        return d.toJson();
    }

    private static String counts(Map<String, Long> counts) {
        return new Document(new LinkedHashMap<>(counts)).toJson();
    }
}
