package dev.ferry.store.postgres.journal;

import dev.ferry.store.journal.EventLog;
import dev.ferry.store.journal.EventRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Run events in {@code ferry.events}: their fields as BSON bytes, with a JSON text beside them for people. */
final class PostgresEventLog implements EventLog {

    private static final String COLUMNS = "id, run_id, plan, at, type, data, operator, host";

    private final JournalDatabase db;

    PostgresEventLog(JournalDatabase db) {
        this.db = db;
    }

    @Override
    public void append(List<EventRecord> events) {
        if (events.isEmpty()) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table(JournalTables.EVENTS)
                    + " (id, run_id, plan, at, type, data, data_json, operator, host)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                for (EventRecord e : events) {
                    s.setString(1, e.id());
                    s.setString(2, e.runId());
                    s.setString(3, e.plan());
                    Times.set(s, 4, e.at());
                    s.setString(5, e.type());
                    s.setBytes(6, BsonBytes.document(e.data()));
                    s.setString(7, BsonBytes.readable(e.data()));
                    s.setString(8, e.operator());
                    s.setString(9, e.host());
                    s.addBatch();
                }
                return s.executeBatch();
            }
        });
    }

    @Override
    public List<EventRecord> since(String runId, Instant from, int limit) {
        return db.read(JournalTables.EVENTS, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM "
                    + db.table(JournalTables.EVENTS) + " WHERE run_id = ? AND at >= ? ORDER BY at, id LIMIT ?")) {
                s.setString(1, runId);
                Times.set(s, 2, from);
                s.setInt(3, limit);
                return list(s);
            }
        }, List.of());
    }

    @Override
    public List<EventRecord> ofRuns(Collection<String> runIds, Set<String> types) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return db.read(JournalTables.EVENTS, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM "
                    + db.table(JournalTables.EVENTS) + " WHERE run_id = ANY (?) AND type = ANY (?) ORDER BY at, id")) {
                s.setArray(1, c.createArrayOf("text", runIds.toArray()));
                s.setArray(2, c.createArrayOf("text", types.toArray()));
                return list(s);
            }
        }, List.of());
    }

    private static List<EventRecord> list(PreparedStatement s) throws SQLException {
        List<EventRecord> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new EventRecord(r.getString("id"), r.getString("run_id"), r.getString("plan"),
                        Times.instant(r, "at"), r.getString("type"), BsonBytes.document(r.getBytes("data")),
                        r.getString("operator"), r.getString("host")));
            }
        }
        return out;
    }
}
