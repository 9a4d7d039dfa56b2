package dev.ferry.engine.postgres.backfill;

import dev.ferry.engine.postgres.FailedTransaction;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.store.postgres.PostgresJournal;
import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Runbook 003's backfill: {@code UPDATE … SET column = expression} over the rows that pass the plan's filter (and,
 * for an incremental run, were created since a time), in primary-key order, one committed batch at a time. The last
 * key of each batch is saved with it, so a stopped backfill resumes after it; the expression is the plan's, so running
 * a batch twice writes the same values.
 */
final class KeysetBackfill {

    /** Where "key > last AND" goes; not String.format, since the plan's SQL may hold a '%'. */
    private static final String AFTER = "/*ferry:after*/";

    private final Connection connection;
    private final ColumnBackfillPlan plan;
    private final PostgresJournal journal;
    private final RunListener listener;
    private final RunControl control;

    KeysetBackfill(Connection connection, ColumnBackfillPlan plan, PostgresJournal journal, RunListener listener,
                   RunControl control) {
        this.connection = connection;
        this.plan = plan;
        this.journal = journal;
        this.listener = listener;
        this.control = control;
    }

    /** Backfills from the run's checkpoint on; {@code since} null for all rows. */
    BackfillReport run(String runId, TableInfo table, Instant since, boolean resumed) throws SQLException {
        ColumnBackfillPlan.Backfill b = plan.backfill();
        String pk = SqlNames.quote(table.primaryKey().get(0));
        String t = table.qualified();
        String where = (b.filter() == null ? "true" : "(" + b.filter() + ")")
                + (since == null ? "" : " AND " + SqlNames.quote(plan.createdAtColumn()) + " >= ?");
        long total = count("SELECT count(*) FROM " + t + " WHERE " + where, since);
        String sql = "WITH batch AS (SELECT " + pk + " AS k FROM " + t + " WHERE " + AFTER + " " + where + " ORDER BY " + pk
                + " LIMIT " + b.batchSize() + " FOR UPDATE), changed AS (UPDATE " + t + " SET " + SqlNames.quote(b.column())
                + " = (" + b.expression() + ") FROM batch WHERE " + t + "." + pk + " = batch.k RETURNING 1)"
                + " SELECT (SELECT count(*) FROM changed), (SELECT max(k)::text FROM batch)";
        String last = journal.checkpoint(runId).orElse(null);
        long done = 0;
        long batches = 0;
        Instant t0 = Instant.now();
        listener.on(new RunEvent.Started(t0, runId, plan.name(), total, 0, resumed));
        connection.setAutoCommit(false);
        try {
            while (control.requested() == RunControl.Request.NONE) {
                long b0 = System.nanoTime();
                long rows;
                try (PreparedStatement s = connection.prepareStatement(sql.replace(AFTER, last == null ? "" : pk + " > ? AND"))) {
                    int i = 1;
                    if (last != null) {
                        s.setObject(i++, last, Types.OTHER);
                    }
                    if (since != null) {
                        s.setObject(i, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
                    }
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        rows = r.getLong(1);
                        String next = r.getString(2);
                        if (next == null) {
                            connection.commit();
                            break;
                        }
                        last = next;
                    }
                }
                journal.checkpoint(connection, runId, last);
                connection.commit();
                done += rows;
                batches++;
                Duration latency = Duration.ofNanos(System.nanoTime() - b0);
                double rate = rows * 1e9 / Math.max(1, latency.toNanos());
                listener.on(new RunEvent.BatchDone(Instant.now(), runId, batches, done, total, 0,
                        Map.of(plan.table(), done), rate, rate, latency, Duration.between(t0, Instant.now()), null));
            }
        } catch (SQLException | RuntimeException e) {
            FailedTransaction.rollback(connection, e);
            throw e;
        } finally {
            FailedTransaction.autoCommit(connection);
        }
        boolean finished = control.requested() == RunControl.Request.NONE;
        String what = since == null ? "backfill" : "incremental";
        return new BackfillReport(plan.name(), what, finished, done, batches, Duration.between(t0, Instant.now()),
                List.of(String.format("%s %s.%s = %s: %,d rows in %,d batches%s", what, plan.table(), b.column(),
                        b.expression(), done, batches, finished ? "" : "; stopped, run it again to resume")));
    }

    private long count(String sql, Instant since) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            if (since != null) {
                s.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
