package dev.ferry.store.postgres.journal;

import dev.ferry.store.journal.ControlRequest;
import dev.ferry.store.journal.Requests;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Requests to runs in {@code ferry.requests}, one row each, kept as the runs' audit trail. */
final class PostgresRequests implements Requests {

    private static final String COLUMNS = "id, plan, run_id, kind, batch_size, rate, operator, host, at, honoured_at,"
            + " honoured_by, outcome";

    private final JournalDatabase db;

    PostgresRequests(JournalDatabase db) {
        this.db = db;
    }

    @Override
    public void add(ControlRequest r) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table(JournalTables.REQUESTS) + " ("
                    + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, r.id());
                s.setString(2, r.plan());
                s.setString(3, r.runId());
                s.setString(4, r.kind().name());
                s.setObject(5, r.batchSize(), Types.INTEGER);
                s.setObject(6, r.rate(), Types.DOUBLE);
                s.setString(7, r.operator());
                s.setString(8, r.host());
                Times.set(s, 9, r.at());
                Times.set(s, 10, r.honouredAt());
                s.setString(11, r.honouredBy());
                s.setString(12, r.outcome());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<ControlRequest> since(String plan, Instant since) {
        return db.read(JournalTables.REQUESTS, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM "
                    + db.table(JournalTables.REQUESTS) + " WHERE plan = ? AND at >= ? ORDER BY at, id")) {
                s.setString(1, plan);
                Times.set(s, 2, since);
                return list(s);
            }
        }, List.of());
    }

    @Override
    public List<ControlRequest> ofRuns(Collection<String> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return db.read(JournalTables.REQUESTS, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM "
                    + db.table(JournalTables.REQUESTS) + " WHERE run_id = ANY (?) ORDER BY at, id")) {
                s.setArray(1, c.createArrayOf("text", runIds.toArray()));
                return list(s);
            }
        }, List.of());
    }

    @Override
    public boolean honour(String id, Instant at, String by, String outcome) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + db.table(JournalTables.REQUESTS)
                    + " SET honoured_at = ?, honoured_by = ?, outcome = ? WHERE id = ? AND honoured_at IS NULL")) {
                Times.set(s, 1, at);
                s.setString(2, by);
                s.setString(3, outcome);
                s.setString(4, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    private static List<ControlRequest> list(PreparedStatement s) throws SQLException {
        List<ControlRequest> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Integer batchSize = r.getObject("batch_size") == null ? null : r.getInt("batch_size");
                Double rate = r.getObject("rate") == null ? null : r.getDouble("rate");
                out.add(new ControlRequest(r.getString("id"), r.getString("plan"), r.getString("run_id"),
                        ControlRequest.Kind.valueOf(r.getString("kind")), batchSize, rate, r.getString("operator"),
                        r.getString("host"), Times.instant(r, "at"), Times.instant(r, "honoured_at"),
                        r.getString("honoured_by"), r.getString("outcome")));
            }
        }
        return out;
    }
}
