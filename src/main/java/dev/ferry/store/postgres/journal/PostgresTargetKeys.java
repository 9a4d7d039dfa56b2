package dev.ferry.store.postgres.journal;

import dev.ferry.store.SourceKeys;
import dev.ferry.store.journal.KeyWriter;
import dev.ferry.store.journal.TargetKeys;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who wrote each target key in {@code ferry.target_keys}: one row per run, target and key (by a digest of the key's
 * identity, so 5 and 5L are one), with the key and the source key as BSON and as text for people, and the batch.
 * A batch's keys are looked up and recorded in one statement each.
 */
final class PostgresTargetKeys implements TargetKeys {

    private final JournalDatabase db;

    PostgresTargetKeys(JournalDatabase db) {
        this.db = db;
    }

    @Override
    public Map<Object, KeyWriter> writtenBy(String runId, String target, List<Object> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return db.write(c -> { // write: a journal from before this table gains it here
            Map<Object, KeyWriter> found = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT key, source, batch FROM "
                    + db.table(JournalTables.TARGET_KEYS) + " WHERE run_id = ? AND target = ? AND key_digest = ANY (?)")) {
                s.setString(1, runId);
                s.setString(2, target);
                s.setArray(3, c.createArrayOf("text", keys.stream().map(PostgresTargetKeys::digest).toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Object key = BsonBytes.value(r.getBytes(1));
                        found.put(SourceKeys.identity(key), new KeyWriter(key, BsonBytes.value(r.getBytes(2)),
                                r.getLong(3)));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public void record(String runId, String target, List<KeyWriter> writers) {
        if (writers.isEmpty()) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table(JournalTables.TARGET_KEYS)
                    + " AS held (run_id, target, key_digest, key, key_text, source, source_text, batch)"
                    + " SELECT ?, ?, d, k, kt, s, st, b FROM unnest(?::text[], ?::bytea[], ?::text[], ?::bytea[],"
                    + " ?::text[], ?::bigint[]) AS u(d, k, kt, s, st, b) ON CONFLICT (run_id, target, key_digest)"
                    + " DO UPDATE SET key = EXCLUDED.key, key_text = EXCLUDED.key_text, batch = EXCLUDED.batch"
                    + " WHERE held.source = EXCLUDED.source")) {
                int n = writers.size();
                Object[] digests = new Object[n];
                byte[][] keys = new byte[n][];
                Object[] keyTexts = new Object[n];
                byte[][] sources = new byte[n][];
                Object[] sourceTexts = new Object[n];
                Object[] batches = new Object[n];
                for (int i = 0; i < n; i++) {
                    KeyWriter w = writers.get(i);
                    digests[i] = digest(w.key());
                    keys[i] = BsonBytes.value(w.key());
                    keyTexts[i] = SourceKeys.render(w.key());
                    sources[i] = BsonBytes.value(w.sourceKey());
                    sourceTexts[i] = SourceKeys.render(w.sourceKey());
                    batches[i] = w.batch();
                }
                s.setString(1, runId);
                s.setString(2, target);
                s.setArray(3, c.createArrayOf("text", digests));
                s.setArray(4, c.createArrayOf("bytea", keys));
                s.setArray(5, c.createArrayOf("text", keyTexts));
                s.setArray(6, c.createArrayOf("bytea", sources));
                s.setArray(7, c.createArrayOf("text", sourceTexts));
                s.setArray(8, c.createArrayOf("bigint", batches));
                return s.executeUpdate();
            }
        });
    }

    /** The key's identity as a short digest: equal for keys PostgreSQL and MongoDB hold equal (5, 5L, 5.0). */
    private static String digest(Object key) {
        return BsonBytes.digest(BsonBytes.value(SourceKeys.storableIdentity(key)));
    }
}
