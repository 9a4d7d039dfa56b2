package dev.ferry.engine.postgres.uuidkey;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * backup_data's row counts: taken exactly from the originals when a run begins (with how the fill will cut each table
 * into batches), and checked against the backup schemas once the swap has moved the originals there. Tables are named
 * as people read them ({@code users}, {@code audit.events}), so same-named tables of two schemas stay apart.
 */
final class BackupCounts {

    private final ConversionSession session;
    private final String runId;
    private final ConversionLayout layout;

    BackupCounts(ConversionSession session, String runId, ConversionLayout layout) {
        this.session = session;
        this.runId = runId;
        this.layout = layout;
    }

    UuidConversionReport record(Instant t0) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (ConvertedTable t : layout.tables()) {
            long rows = UuidKeyConversion.count(session.store.connection(), t.original());
            counts.put(t.display(), rows);
            long pages = pages(t.original());
            long perBatch = Math.max(1, (long) Math.ceil((double) session.plan.batchSize() * pages / Math.max(rows, 1)));
            long batches = Math.max(1, (pages + perBatch - 1) / perBatch);
            session.journal.batches().planTable(session.store.connection(), runId, t.table().schema(), t.name(),
                    (int) perBatch, (int) batches, rows);
            lines.add(String.format("%s: %,d rows counted; %d batch(es)", t.table().display(), rows, batches));
        }
        lines.add("The originals become the backup in schema " + String.join(", ", layout.tables().stream()
                .map(ConvertedTable::backupSchema).distinct().toList()) + " at the swap (moved, not copied); their"
                + " counts are checked then.");
        return new UuidConversionReport(session.plan.name(), runId, "backup_data", true,
                ConversionStep.PLANNED.name(), counts, 0, Map.of(), Duration.between(t0, Instant.now()), false, lines);
    }

    /** After the swap: the backup tables hold exactly the rows counted at the start. */
    UuidConversionReport verify(boolean swapped, Instant t0) throws SQLException {
        Map<String, Long> before = recorded();
        List<String> lines = new ArrayList<>();
        boolean ok = true;
        for (ConvertedTable t : layout.tables()) {
            if (!swapped) {
                lines.add(String.format("%s: %,d rows counted; it moves into %s at the swap", t.display(),
                        before.get(t.display()), t.backupSchema()));
                continue;
            }
            long now = UuidKeyConversion.count(session.store.connection(), t.backup());
            boolean same = now == before.get(t.display());
            ok &= same;
            lines.add(String.format("%s.%s: %,d rows, %,d counted before the conversion: %s", t.backupSchema(),
                    t.name(), now, before.get(t.display()), same ? "match" : "MISMATCH"));
        }
        return new UuidConversionReport(session.plan.name(), runId, "backup_data", ok,
                swapped ? ConversionStep.SWAPPED.name() : ConversionStep.PLANNED.name(), before, 0, Map.of(),
                Duration.between(t0, Instant.now()), false, lines);
    }

    /** Whether every table's count and cut is in the journal. */
    boolean complete() throws SQLException {
        for (ConvertedTable t : layout.tables()) {
            if (session.journal.batches().tablePlan(runId, t.table().schema(), t.name()).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    Map<String, Long> recorded() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ConvertedTable t : layout.tables()) {
            counts.put(t.display(), session.journal.batches().tablePlan(runId, t.table().schema(), t.name())
                    .orElseThrow()[2]);
        }
        return counts;
    }

    private long pages(String table) throws SQLException {
        try (var s = session.store.connection().prepareStatement(
                "SELECT pg_relation_size(?::regclass) / current_setting('block_size')::bigint")) {
            s.setString(1, table);
            try (var r = s.executeQuery()) {
                r.next();
                return Math.max(1, r.getLong(1));
            }
        }
    }
}
