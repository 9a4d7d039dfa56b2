package dev.ferry.store.postgres.journal;

import dev.ferry.store.journal.WorkerRecord;
import dev.ferry.store.journal.Workers;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The processes working on runs, in {@code ferry.workers}: one row per worker, beaten while it lives. */
final class PostgresWorkers implements Workers {

    private static final String COLUMNS = "id, plan, run_id, verb, host, pid, operator, log, started_at, heartbeat_at,"
            + " ended_at, outcome";

    private final JournalDatabase db;

    PostgresWorkers(JournalDatabase db) {
        this.db = db;
    }

    @Override
    public void register(WorkerRecord w) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table(JournalTables.WORKERS) + " ("
                    + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, w.id());
                s.setString(2, w.plan());
                s.setString(3, w.runId());
                s.setString(4, w.verb());
                s.setString(5, w.host());
                s.setLong(6, w.pid());
                s.setString(7, w.operator());
                s.setString(8, w.log());
                Times.set(s, 9, w.startedAt());
                Times.set(s, 10, w.heartbeatAt());
                Times.set(s, 11, w.endedAt());
                s.setString(12, w.outcome());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void describe(String workerId, String runId) {
        update("run_id = ?", workerId, s -> s.setString(1, runId));
    }

    @Override
    public void heartbeat(String workerId, Instant at) {
        update("heartbeat_at = ?", workerId, s -> Times.set(s, 1, at));
    }

    @Override
    public void ended(String workerId, Instant at, String outcome) {
        update("ended_at = ?, heartbeat_at = ?, outcome = ?", workerId, s -> {
            Times.set(s, 1, at);
            Times.set(s, 2, at);
            s.setString(3, outcome);
        });
    }

    @Override
    public List<WorkerRecord> ofRun(String runId) {
        return find("run_id = ?", s -> s.setString(1, runId));
    }

    @Override
    public List<WorkerRecord> ofPlan(String plan, Instant since) {
        return find("plan = ? AND started_at >= ?", s -> {
            s.setString(1, plan);
            Times.set(s, 2, since);
        });
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    /** Sets columns of one worker's row: the binder fills the SET clause's parameters, the id comes last. */
    private void update(String set, String workerId, Binder binder) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + db.table(JournalTables.WORKERS) + " SET " + set
                    + " WHERE id = ?")) {
                binder.bind(s);
                s.setString(s.getParameterMetaData().getParameterCount(), workerId);
                return s.executeUpdate();
            }
        });
    }

    private List<WorkerRecord> find(String where, Binder binder) {
        return db.read(JournalTables.WORKERS, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM "
                    + db.table(JournalTables.WORKERS) + " WHERE " + where + " ORDER BY started_at DESC, id")) {
                binder.bind(s);
                List<WorkerRecord> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new WorkerRecord(r.getString("id"), r.getString("plan"), r.getString("run_id"),
                                r.getString("verb"), r.getString("host"), r.getLong("pid"), r.getString("operator"),
                                r.getString("log"), Times.instant(r, "started_at"), Times.instant(r, "heartbeat_at"),
                                Times.instant(r, "ended_at"), r.getString("outcome")));
                    }
                }
                return out;
            }
        }, List.of());
    }
}
