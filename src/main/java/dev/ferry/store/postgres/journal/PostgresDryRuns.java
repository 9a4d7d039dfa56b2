package dev.ferry.store.postgres.journal;

import dev.ferry.store.journal.DryRunRecord;
import dev.ferry.store.journal.DryRuns;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Dry-run estimates in {@code ferry.dry_runs}, one row each. */
final class PostgresDryRuns implements DryRuns {

    private final JournalDatabase db;

    PostgresDryRuns(JournalDatabase db) {
        this.db = db;
    }

    @Override
    public void record(DryRunRecord r) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table(JournalTables.DRY_RUNS)
                    + " (plan, plan_hash, at, source_records, errors, estimated_ms, estimated_bytes)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, r.plan());
                s.setString(2, r.planHash());
                Times.set(s, 3, r.at());
                s.setLong(4, r.sourceRecords());
                s.setLong(5, r.errors());
                s.setLong(6, r.estimatedMs());
                s.setLong(7, r.estimatedBytes());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<DryRunRecord> latest(String plan, String planHash) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT plan, plan_hash, at, source_records, errors,"
                    + " estimated_ms, estimated_bytes FROM " + db.table(JournalTables.DRY_RUNS)
                    + " WHERE plan = ? AND plan_hash = ? ORDER BY at DESC, id DESC LIMIT 1")) {
                s.setString(1, plan);
                s.setString(2, planHash);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new DryRunRecord(r.getString(1), r.getString(2),
                            Times.instant(r, "at"), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7)))
                            : Optional.<DryRunRecord>empty();
                }
            }
        }, Optional.empty());
    }
}
