package dev.ferry.store.postgres.journal;

import dev.ferry.store.journal.BatchRecord;
import dev.ferry.store.journal.Batches;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Batch records in {@code ferry.batches}, one row per run and batch (a replayed batch replaces its row), with where
 * the run stood after it in the {@code run_*} columns (NULL in rows from before Ferry kept them).
 */
final class PostgresBatches implements Batches {

    private final JournalDatabase db;

    PostgresBatches(JournalDatabase db) {
        this.db = db;
    }

    @Override
    public void record(BatchRecord b) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table(JournalTables.BATCHES)
                    + " AS b (run_id, batch, at, read, quarantined, ms, written, read_wait_ms, elapsed_ms,"
                    + " run_processed, run_total, run_quarantined, run_written) VALUES (?, ?, ?, ?, ?, ?,"
                    + " CAST(? AS jsonb), ?, ?, ?, ?, ?, CAST(? AS jsonb)) ON CONFLICT (run_id, batch) DO UPDATE SET"
                    + " at = EXCLUDED.at, read = EXCLUDED.read, quarantined = EXCLUDED.quarantined, ms = EXCLUDED.ms,"
                    + " written = EXCLUDED.written, read_wait_ms = EXCLUDED.read_wait_ms,"
                    + " elapsed_ms = EXCLUDED.elapsed_ms, run_processed = EXCLUDED.run_processed,"
                    + " run_total = EXCLUDED.run_total, run_quarantined = EXCLUDED.run_quarantined,"
                    + " run_written = EXCLUDED.run_written")) {
                s.setString(1, b.runId());
                s.setLong(2, b.batch());
                Times.set(s, 3, b.at());
                s.setLong(4, b.read());
                s.setLong(5, b.quarantined());
                s.setLong(6, b.millis());
                s.setString(7, new Document(new LinkedHashMap<>(b.written())).toJson());
                s.setLong(8, b.readWaitMillis());
                s.setLong(9, b.elapsedMs());
                if (b.run().known()) {
                    s.setLong(10, b.run().processed());
                    s.setLong(11, b.run().total());
                    s.setLong(12, b.run().quarantined());
                    s.setString(13, new Document(new LinkedHashMap<>(b.run().written())).toJson());
                } else {
                    for (int i = 10; i <= 12; i++) {
                        s.setNull(i, Types.BIGINT);
                    }
                    s.setNull(13, Types.VARCHAR);
                }
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<BatchRecord> between(String runId, long after, long upTo, int limit) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT run_id, batch, at, read, quarantined, ms,"
                    + " written::text, read_wait_ms, elapsed_ms, run_processed, run_total, run_quarantined,"
                    + " run_written::text FROM " + db.table(JournalTables.BATCHES) + " WHERE run_id = ? AND batch > ?"
                    + " AND batch <= ? ORDER BY batch LIMIT ?")) {
                s.setString(1, runId);
                s.setLong(2, after);
                s.setLong(3, upTo);
                s.setInt(4, limit);
                List<BatchRecord> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long processed = r.getLong("run_processed");
                        BatchRecord.Totals run = r.wasNull() ? BatchRecord.Totals.UNKNOWN : new BatchRecord.Totals(
                                processed, r.getLong("run_total"), r.getLong("run_quarantined"),
                                counts(r.getString(13)));
                        out.add(new BatchRecord(r.getString(1), r.getLong(2), Times.instant(r, "at"), r.getLong(4),
                                r.getLong(5), r.getLong(6), counts(r.getString(7)), r.getLong(8), r.getLong(9), run));
                    }
                }
                return out;
            }
        }, List.of());
    }

    static Map<String, Long> counts(String json) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (json != null) {
            Document.parse(json).forEach((k, v) -> out.put(k, v instanceof Number n ? n.longValue() : 0L));
        }
        return out;
    }
}
