package dev.ferry.store.postgres.journal;

import dev.ferry.store.journal.BatchRecord;
import dev.ferry.store.journal.Batches;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import org.bson.Document;

/** Batch records in {@code ferry.batches}, one row per run and batch; a replayed batch replaces its row. */
final class PostgresBatches implements Batches {

    private final JournalDatabase db;

    PostgresBatches(JournalDatabase db) {
        this.db = db;
    }

    @Override
    public void record(BatchRecord b) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table(JournalTables.BATCHES)
                    + " AS b (run_id, batch, at, read, quarantined, ms, written) VALUES (?, ?, ?, ?, ?, ?,"
                    + " CAST(? AS jsonb)) ON CONFLICT (run_id, batch) DO UPDATE SET at = EXCLUDED.at,"
                    + " read = EXCLUDED.read, quarantined = EXCLUDED.quarantined, ms = EXCLUDED.ms,"
                    + " written = EXCLUDED.written")) {
                s.setString(1, b.runId());
                s.setLong(2, b.batch());
                Times.set(s, 3, b.at());
                s.setLong(4, b.read());
                s.setLong(5, b.quarantined());
                s.setLong(6, b.millis());
                s.setString(7, new Document(new LinkedHashMap<>(b.written())).toJson());
                return s.executeUpdate();
            }
        });
    }

    /** Deletes the records after {@code batch}, inside the caller's transaction. */
    static void discardAfter(java.sql.Connection c, JournalDatabase db, String runId, long batch)
            throws java.sql.SQLException {
        for (String table : new String[] {JournalTables.BATCHES, JournalTables.QUARANTINE, JournalTables.UNDO,
                JournalTables.IMAGES}) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + db.table(table)
                    + " WHERE run_id = ? AND batch > ?")) {
                s.setString(1, runId);
                s.setLong(2, batch);
                s.executeUpdate();
            }
        }
    }
}
