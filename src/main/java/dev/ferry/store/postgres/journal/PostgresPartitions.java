package dev.ferry.store.postgres.journal;

import dev.ferry.store.journal.Checkpoint;
import dev.ferry.store.journal.PartitionRecord;
import dev.ferry.store.journal.Partitions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Partitions in {@code ferry.partitions}: one row per run and range; the bounds and the checkpoint, any BSON values,
 * as BSON bytes beside the columns a claim and its fencing compare.
 */
final class PostgresPartitions implements Partitions {

    private final JournalDatabase db;

    PostgresPartitions(JournalDatabase db) {
        this.db = db;
    }

    @Override
    public void plan(List<PartitionRecord> ranges) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table(JournalTables.PARTITIONS)
                    + " (run_id, idx, state, owner, message, takeovers, updated_at, range_and_checkpoint)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, idx) DO NOTHING")) {
                for (PartitionRecord p : ranges) {
                    s.setString(1, p.runId());
                    s.setInt(2, p.index());
                    s.setString(3, p.state());
                    s.setString(4, p.owner());
                    s.setString(5, p.message());
                    s.setInt(6, p.takeovers());
                    s.setObject(7, Times.now());
                    s.setBytes(8, BsonBytes.document(p.toDocument()));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<PartitionRecord> of(String runId) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT idx, state, owner, message, takeovers, updated_at,"
                    + " range_and_checkpoint FROM " + db.table(JournalTables.PARTITIONS)
                    + " WHERE run_id = ? ORDER BY idx")) {
                s.setString(1, runId);
                List<PartitionRecord> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(PartitionRecord.from(BsonBytes.document(r.getBytes(7)), runId, r.getInt(1),
                                r.getString(2), r.getString(3), r.getString(4), Times.instant(r, "updated_at"),
                                r.getInt(5)));
                    }
                }
                return out;
            }
        }, List.of());
    }

    @Override
    public boolean claim(String runId, int index, String owner) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + db.table(JournalTables.PARTITIONS) + " SET"
                    + " takeovers = takeovers + CASE WHEN state = 'RUNNING' AND owner IS NOT NULL AND owner <> ?"
                    + " THEN 1 ELSE 0 END,"
                    + " message = CASE WHEN state = 'RUNNING' AND owner IS NOT NULL AND owner <> ?"
                    + " THEN 'taken over from ' || owner ELSE '' END,"
                    + " owner = ?, state = 'RUNNING', updated_at = ? WHERE run_id = ? AND idx = ? AND state <> 'DONE'")) {
                s.setString(1, owner);
                s.setString(2, owner);
                s.setString(3, owner);
                s.setObject(4, Times.now());
                s.setString(5, runId);
                s.setInt(6, index);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean checkpoint(String runId, int index, String owner, Checkpoint checkpoint) {
        return db.write(c -> {
            Document bounds;
            try (PreparedStatement s = c.prepareStatement("SELECT range_and_checkpoint FROM "
                    + db.table(JournalTables.PARTITIONS) + " WHERE run_id = ? AND idx = ? AND owner = ?")) {
                s.setString(1, runId);
                s.setInt(2, index);
                s.setString(3, owner);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return false;
                    }
                    bounds = BsonBytes.document(r.getBytes(1));
                }
            }
            Document updated = new PartitionRecord(runId, index, bounds.getInteger("count"), bounds.get("after"),
                    bounds.get("upTo"), "RUNNING", owner, checkpoint, "", null, 0).toDocument();
            try (PreparedStatement s = c.prepareStatement("UPDATE " + db.table(JournalTables.PARTITIONS)
                    + " SET range_and_checkpoint = ?, updated_at = ? WHERE run_id = ? AND idx = ? AND owner = ?")) {
                s.setBytes(1, BsonBytes.document(updated));
                s.setObject(2, Times.now());
                s.setString(3, runId);
                s.setInt(4, index);
                s.setString(5, owner);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean finish(String runId, int index, String owner, String state, String message) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + db.table(JournalTables.PARTITIONS)
                    + " SET state = ?, message = ?, updated_at = ? WHERE run_id = ? AND idx = ? AND owner = ?")) {
                s.setString(1, state);
                s.setString(2, message);
                s.setObject(3, Times.now());
                s.setString(4, runId);
                s.setInt(5, index);
                s.setString(6, owner);
                return s.executeUpdate() == 1;
            }
        });
    }
}
