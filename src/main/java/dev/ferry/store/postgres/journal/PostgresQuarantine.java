package dev.ferry.store.postgres.journal;

import dev.ferry.store.SourceKeys;
import dev.ferry.store.journal.QuarantineEntry;
import dev.ferry.store.journal.QuarantineLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Quarantined records in {@code ferry.quarantine}, one row per run and source key: the key (as BSON, and as people
 * read it), the reason, one error per failing field, the source record (as BSON, and as JSON for people).
 */
final class PostgresQuarantine implements QuarantineLog {

    private final JournalDatabase db;

    PostgresQuarantine(JournalDatabase db) {
        this.db = db;
    }

    @Override
    public void put(String runId, String plan, long batch, List<QuarantineEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table(JournalTables.QUARANTINE)
                    + " (run_id, key_digest, key, key_text, plan, batch, at, reason, errors, source, source_json)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, key_digest) DO UPDATE SET"
                    + " plan = EXCLUDED.plan, batch = EXCLUDED.batch, at = EXCLUDED.at, reason = EXCLUDED.reason,"
                    + " errors = EXCLUDED.errors, source = EXCLUDED.source, source_json = EXCLUDED.source_json")) {
                Instant at = Instant.now();
                for (QuarantineEntry e : entries) {
                    byte[] key = BsonBytes.value(e.key());
                    s.setString(1, runId);
                    s.setString(2, BsonBytes.digest(key));
                    s.setBytes(3, key);
                    s.setString(4, SourceKeys.render(e.key()));
                    s.setString(5, plan);
                    s.setLong(6, batch);
                    Times.set(s, 7, at);
                    s.setString(8, e.reason());
                    s.setArray(9, c.createArrayOf("text", e.errors().toArray()));
                    s.setBytes(10, BsonBytes.document(e.source()));
                    s.setString(11, BsonBytes.readable(e.source()));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<Object> keys(String runId) {
        return db.read(c -> {
            List<Object> keys = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT key FROM " + db.table(JournalTables.QUARANTINE)
                    + " WHERE run_id = ? ORDER BY batch")) {
                s.setString(1, runId);
                s.setFetchSize(1000);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        keys.add(BsonBytes.value(r.getBytes(1)));
                    }
                }
            }
            return keys;
        }, List.of());
    }

    @Override
    public List<QuarantineEntry> entries(String runId, int limit) {
        return db.read(c -> {
            List<QuarantineEntry> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT key, reason, errors, source FROM "
                    + db.table(JournalTables.QUARANTINE) + " WHERE run_id = ? ORDER BY batch, at LIMIT ?")) {
                s.setString(1, runId);
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new QuarantineEntry(BsonBytes.value(r.getBytes(1)), r.getString(2),
                                List.of((String[]) r.getArray(3).getArray()), BsonBytes.document(r.getBytes(4))));
                    }
                }
            }
            return out;
        }, List.of());
    }

    @Override
    public String place() {
        return db.schema() + "." + JournalTables.QUARANTINE;
    }

    @Override
    public String query(String runId) {
        return "SELECT key_text, reason, errors, source_json FROM " + db.table(JournalTables.QUARANTINE)
                + " WHERE run_id = '" + runId.replace("'", "''") + "'";
    }
}
