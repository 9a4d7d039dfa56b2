package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.store.postgres.ColumnInfo;
import dev.ferry.store.postgres.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Copies the originals into their shadows with set-based {@code INSERT … SELECT}, converting on the server, one range
 * of heap pages per batch (a TID range scan reads the pages in order, no index, no sort). Each batch commits with its
 * journal row, so a killed run resumes at the first batch not recorded, and nothing is copied twice. The write
 * guard makes page ranges safe: if the originals change, the swap refuses and the fill starts again.
 */
final class ShadowTableFill {

    private final ConversionRun run;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong batchesDone = new AtomicLong();
    /** Rows committed per table so far (earlier attempts' included): the events carry totals, as a MongoDB run's. */
    private final Map<String, Long> written = new java.util.LinkedHashMap<>();
    private final Instant started = Instant.now();
    private long total;
    /** Every table's batches, as backup_data cut them: each table is cut on its own, so rows / batch size is not it. */
    private long totalBatches;

    ShadowTableFill(ConversionRun run) {
        this.run = run;
    }

    /** Fills every shadow; returns false when the operator paused or cancelled between batches. */
    boolean fill(Map<String, Long> rowsBefore) throws SQLException {
        List<Batch> todo = new ArrayList<>();
        total = rowsBefore.values().stream().mapToLong(Long::longValue).sum();
        long batches = 0;
        for (ConvertedTable t : run.layout().tables()) {
            long[] cut = cut(t);
            batches += cut[1];
            Set<Integer> done = run.journal().batches().doneBatches(run.runId(), t.table().schema(), t.name());
            written.put(t.display(), run.journal().batches().rowsDone(run.runId(), t.table().schema(), t.name()));
            String insert = insertSql(t);
            for (int b = 0; b < cut[1]; b++) {
                if (!done.contains(b)) {
                    long from = b * cut[0];
                    todo.add(new Batch(t, b, insert, from, b == cut[1] - 1 ? -1 : from + cut[0]));
                }
            }
        }
        totalBatches = batches;
        processed.set(run.journal().batches().rowsDone(run.runId()));
        batchesDone.set(run.journal().batches().batchesDone(run.runId()));
        // Mixed, so that each connection works on every table and they finish at about the same time.
        Collections.shuffle(todo, new java.util.Random(7));
        return new WorkerPool(run).each(todo, this::copy);
    }

    /** {pages per batch, batches} as backup_data fixed them in the journal, so a resumed run cuts alike. */
    private long[] cut(ConvertedTable t) throws SQLException {
        long[] planned = run.journal().batches().tablePlan(run.runId(), t.table().schema(), t.name()).orElseThrow();
        return new long[] {planned[0], planned[1]};
    }

    private void copy(Connection c, Batch b) throws SQLException {
        long t0 = System.nanoTime();
        int rows;
        try (PreparedStatement s = c.prepareStatement(b.sql() + (b.toPage() < 0 ? "" : " AND ctid < CAST(? AS tid)"))) {
            s.setString(1, "(" + b.fromPage() + ",0)");
            if (b.toPage() >= 0) {
                s.setString(2, "(" + b.toPage() + ",0)");
            }
            rows = s.executeUpdate();
        }
        run.journal().batches().batchDone(c, run.runId(), b.table().table().schema(), b.table().name(), b.number(), rows);
        c.commit();
        long now = processed.addAndGet(rows);
        Duration latency = Duration.ofNanos(System.nanoTime() - t0);
        Duration elapsed = Duration.between(started, Instant.now());
        double perSecond = latency.toNanos() == 0 ? 0 : rows * 1e9 / latency.toNanos();
        synchronized (run.listener()) {
            written.merge(b.table().display(), (long) rows, Long::sum);
            run.listener().on(new RunEvent.BatchDone(Instant.now(), run.runId(), batchesDone.incrementAndGet(), now,
                    total, 0, written, perSecond, perSecond, latency, elapsed, null, Double.NaN, totalBatches));
        }
    }

    /** {@code INSERT INTO shadow (cols) SELECT converted cols FROM original WHERE ctid >= ?}, names quoted. */
    static String insertSql(ConvertedTable t) {
        List<ColumnInfo> copied = t.table().columns().stream().filter(c -> !c.generated()).toList();
        String names = copied.stream().map(c -> SqlNames.quote(c.name())).collect(Collectors.joining(", "));
        String values = copied.stream().map(c -> t.columns().contains(c.name())
                ? SqlNames.quote(c.name()) + "::uuid" : SqlNames.quote(c.name())).collect(Collectors.joining(", "));
        boolean identity = copied.stream().anyMatch(ColumnInfo::identity);
        return "INSERT INTO " + t.shadow() + " (" + names + ")" + (identity ? " OVERRIDING SYSTEM VALUE" : "")
                + " SELECT " + values + " FROM " + t.original() + " WHERE ctid >= CAST(? AS tid)";
    }

    boolean stopRequested() {
        return run.control().requested() != RunControl.Request.NONE;
    }

    /** Pages [fromPage, toPage) of one table; toPage -1: to the end. */
    record Batch(ConvertedTable table, int number, String sql, long fromPage, long toPage) { }
}
