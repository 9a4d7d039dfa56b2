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
 * Quarantined records in {@code ferry.quarantine}, one row per run and source key (the key as Extended JSON and as
 * people read it, the reason, one error per failing field, the source record as Extended JSON).
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
                    + " (run_id, key_digest, key, key_text, plan, batch, at, reason, errors, source)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, key_digest) DO UPDATE SET"
                    + " plan = EXCLUDED.plan, batch = EXCLUDED.batch, at = EXCLUDED.at, reason = EXCLUDED.reason,"
                    + " errors = EXCLUDED.errors, source = EXCLUDED.source")) {
                Instant at = Instant.now();
                for (QuarantineEntry e : entries) {
                    String key = BsonText.value(e.key());
                    s.setString(1, runId);
                    s.setString(2, BsonText.digest(String.valueOf(key)));
                    s.setString(3, String.valueOf(key));
                    s.setString(4, SourceKeys.render(e.key()));
                    s.setString(5, plan);
                    s.setLong(6, batch);
                    Times.set(s, 7, at);
                    s.setString(8, e.reason());
                    s.setArray(9, c.createArrayOf("text", e.errors().toArray()));
                    s.setString(10, BsonText.document(e.source()));
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
                        keys.add(BsonText.value(r.getString(1)));
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
                        out.add(new QuarantineEntry(BsonText.value(r.getString(1)), r.getString(2),
                                List.of((String[]) r.getArray(3).getArray()), BsonText.document(r.getString(4))));
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
        return "SELECT key_text, reason, errors, source FROM " + db.table(JournalTables.QUARANTINE)
                + " WHERE run_id = '" + runId.replace("'", "''") + "'";
    }
}
