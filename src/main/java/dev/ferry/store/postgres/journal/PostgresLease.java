package dev.ferry.store.postgres.journal;

import dev.ferry.store.journal.HolderProcess;
import dev.ferry.store.journal.Lease;
import dev.ferry.store.journal.LeaseRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;

/**
 * A lease on one plan in {@code ferry.leases}: a row per plan with its owner and expiry, by the server's clock. Taken
 * with one conditional upsert (free, expired, or already this owner's); renewed and released only while the owner
 * still holds it. Unlike a session advisory lock it names its holder, outlives a dropped connection for one time to
 * live (so a process that stalls is fenced, not silently replaced), and works through connection poolers.
 */
final class PostgresLease implements Lease {

    private final JournalDatabase db;
    private final String plan;
    private final String owner;
    private final Duration ttl;

    PostgresLease(JournalDatabase db, String plan, String owner, Duration ttl) {
        this.db = db;
        this.plan = plan;
        this.owner = owner;
        this.ttl = ttl;
    }

    @Override
    public Optional<LeaseRecord> tryAcquire(String runId, HolderProcess process) {
        String leases = db.table(JournalTables.LEASES);
        boolean taken = db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + leases + " AS l (plan, owner, run_id, host,"
                    + " operator, pid, process_start, acquired_at, heartbeat_at, expires_at) VALUES (?, ?, ?, ?, ?, ?,"
                    + " ?, clock_timestamp(), clock_timestamp(), clock_timestamp() + ? * interval '1 millisecond')"
                    + " ON CONFLICT (plan) DO UPDATE SET owner = EXCLUDED.owner, run_id = EXCLUDED.run_id,"
                    + " host = EXCLUDED.host, operator = EXCLUDED.operator, pid = EXCLUDED.pid,"
                    + " process_start = EXCLUDED.process_start, acquired_at = EXCLUDED.acquired_at,"
                    + " heartbeat_at = EXCLUDED.heartbeat_at, expires_at = EXCLUDED.expires_at"
                    + " WHERE l.expires_at < clock_timestamp() OR l.owner = EXCLUDED.owner")) {
                s.setString(1, plan);
                s.setString(2, owner);
                s.setString(3, runId);
                s.setString(4, process.host());
                s.setString(5, process.operator());
                s.setLong(6, process.pid());
                Times.set(s, 7, process.startedAt());
                s.setLong(8, ttl.toMillis());
                return s.executeUpdate() == 1;
            }
        });
        if (taken) {
            return Optional.empty();
        }
        Optional<LeaseRecord> holder = PostgresLeases.current(db, plan);
        return holder.isEmpty() ? tryAcquire(runId, process) : holder; // released meanwhile: try again
    }

    @Override
    public boolean takeOver(String holder, String runId, HolderProcess process) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + db.table(JournalTables.LEASES) + " SET owner = ?,"
                    + " run_id = ?, host = ?, operator = ?, pid = ?, process_start = ?, acquired_at = clock_timestamp(),"
                    + " heartbeat_at = clock_timestamp(), expires_at = clock_timestamp() + ? * interval '1 millisecond'"
                    + " WHERE plan = ? AND owner = ?")) {
                s.setString(1, owner);
                s.setString(2, runId);
                s.setString(3, process.host());
                s.setString(4, process.operator());
                s.setLong(5, process.pid());
                Times.set(s, 6, process.startedAt());
                s.setLong(7, ttl.toMillis());
                s.setString(8, plan);
                s.setString(9, holder);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void describe(String runId) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + db.table(JournalTables.LEASES)
                    + " SET run_id = ? WHERE plan = ? AND owner = ?")) {
                s.setString(1, runId);
                s.setString(2, plan);
                s.setString(3, owner);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public boolean heartbeat() {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + db.table(JournalTables.LEASES)
                    + " SET heartbeat_at = clock_timestamp(), expires_at = clock_timestamp() + ? * interval"
                    + " '1 millisecond' WHERE plan = ? AND owner = ?")) {
                s.setLong(1, ttl.toMillis());
                s.setString(2, plan);
                s.setString(3, owner);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void release() {
        PostgresLeases.delete(db, plan, owner);
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    static LeaseRecord record(ResultSet r) throws java.sql.SQLException {
        return new LeaseRecord(r.getString("plan"), r.getString("owner"), r.getString("run_id"), r.getString("host"),
                r.getString("operator"), Times.instant(r, "acquired_at"), Times.instant(r, "heartbeat_at"),
                Times.instant(r, "expires_at"), r.getLong("pid"), Times.instant(r, "process_start"));
    }
}
