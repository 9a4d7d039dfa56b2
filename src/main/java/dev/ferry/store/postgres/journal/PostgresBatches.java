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
}
