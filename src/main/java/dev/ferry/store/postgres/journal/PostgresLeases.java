package dev.ferry.store.postgres.journal;

import dev.ferry.store.journal.LeaseRecord;
import dev.ferry.store.journal.Leases;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;

/** Leases in {@code ferry.leases}, one row per plan (see {@link PostgresLease}). */
final class PostgresLeases implements Leases {

    private final JournalDatabase db;

    PostgresLeases(JournalDatabase db) {
        this.db = db;
    }

    @Override
    public PostgresLease lease(String plan, String owner, Duration ttl) {
        return new PostgresLease(db, plan, owner, ttl);
    }

    @Override
    public Optional<LeaseRecord> holder(String plan) {
        return current(db, plan);
    }

    @Override
    public boolean releaseHeldBy(String plan, String owner) {
        return delete(db, plan, owner);
    }

    /** The live lease on a plan, by the server's clock. */
    static Optional<LeaseRecord> current(JournalDatabase db, String plan) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT plan, owner, run_id, host, operator, acquired_at,"
                    + " heartbeat_at, expires_at FROM " + db.table(JournalTables.LEASES)
                    + " WHERE plan = ? AND expires_at >= clock_timestamp()")) {
                s.setString(1, plan);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(PostgresLease.record(r)) : Optional.<LeaseRecord>empty();
                }
            }
        }, Optional.empty());
    }

    static boolean delete(JournalDatabase db, String plan, String owner) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + db.table(JournalTables.LEASES)
                    + " WHERE plan = ? AND owner = ?")) {
                s.setString(1, plan);
                s.setString(2, owner);
                return s.executeUpdate() == 1;
            }
        });
    }
}
