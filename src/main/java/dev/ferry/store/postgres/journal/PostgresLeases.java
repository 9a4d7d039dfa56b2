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

    @Override
    public Optional<LeaseRecord> last(String plan) {
        return select(db, plan, "");
    }

    /** The live lease on a plan, by the server's clock. */
    static Optional<LeaseRecord> current(JournalDatabase db, String plan) {
        return select(db, plan, " AND expires_at >= clock_timestamp()");
    }

    private static Optional<LeaseRecord> select(JournalDatabase db, String plan, String live) {
        return db.read(c -> {
            // pid and process_start read by name from the row: a journal from before them reads as "not recorded"
            try (PreparedStatement s = c.prepareStatement("SELECT plan, owner, run_id, host, operator, acquired_at,"
                    + " heartbeat_at, expires_at, coalesce((to_jsonb(l) ->> 'pid')::bigint, 0) AS pid,"
                    + " (to_jsonb(l) ->> 'process_start')::timestamptz AS process_start FROM "
                    + db.table(JournalTables.LEASES) + " AS l WHERE plan = ?" + live)) {
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
