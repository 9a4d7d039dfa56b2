package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.ConversionRefused;
import dev.ferry.engine.postgres.FailedTransaction;

import dev.ferry.store.postgres.ColumnInfo;
import dev.ferry.store.postgres.PostgresJournal;
import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableDefinition;
import dev.ferry.store.postgres.TableInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * rollback and cleanup_backup. After the swap, a rollback moves the original tables back from the backup schema (the
 * very rows, constraints and indexes they had: byte-identical by construction) and drops the converted ones; before
 * it, it drops the shadows and the write guards. cleanup_backup drops the backup and ends any way back.
 */
public final class UuidKeyRollback {

    private final ConversionSession session;

    UuidKeyRollback(ConversionSession session) {
        this.session = session;
    }

    /** What a rollback would do now, in words, or empty when there is nothing to roll back. */
    Optional<String> preview() throws SQLException {
        Optional<PostgresJournal.RunRow> run = session.activeRun();
        if (run.isEmpty()) {
            return Optional.empty();
        }
        ConversionStep step = ConversionSession.step(run.get());
        ConversionLayout layout = session.recordedLayout(run.get().runId());
        String tables = String.join(", ", layout.tables().stream().map(ConvertedTable::display).toList());
        String backups = String.join(", ", layout.tables().stream().map(ConvertedTable::backupSchema).distinct().toList());
        return Optional.of(step == ConversionStep.SWAPPED
                ? "Run " + run.get().runId() + ": drop the converted " + tables + " and move the originals back from "
                        + backups + " (rows written since the conversion are lost)."
                : "Run " + run.get().runId() + " stopped at " + step.name().toLowerCase() + ": drop its shadow tables;"
                        + " " + tables + " were never changed.");
    }

    UuidConversionReport rollback() throws SQLException {
        Instant t0 = Instant.now();
        Optional<PostgresJournal.RunRow> active = session.activeRun();
        if (active.isEmpty()) {
            return report("none", true, "-", 0, t0, List.of("Nothing to roll back: plan " + session.plan.name()
                    + " has no conversion in progress or done (a cleaned-up backup cannot be rolled back)."));
        }
        String runId = active.get().runId();
        ConversionLayout layout = session.recordedLayout(runId);
        if (ConversionSession.step(active.get()) != ConversionStep.SWAPPED) {
            discardShadows(runId, layout, "rolled back before the swap");
            return report(runId, true, ConversionStep.ROLLED_BACK.name(), 0, t0, List.of("Dropped the shadow tables;"
                    + " the original tables were never changed."));
        }
        long lock = new TableSwap(session.run(runId, layout)).swapBack();
        List<String> lines = new ArrayList<>();
        lines.add("Moved the original tables back from " + String.join(", ", layout.tables().stream()
                .map(ConvertedTable::backupSchema).distinct().toList()) + "; exclusive locks held " + lock + " ms.");
        boolean ok = verify(runId, layout, lines);
        return report(runId, ok, ConversionStep.ROLLED_BACK.name(), lock, t0, lines);
    }

    /**
     * Counts equal to those taken before the conversion, column types as they were, and the whole definition equal to
     * the one kept at the swap (runs of a version that kept none are checked by counts and types).
     */
    private boolean verify(String runId, ConversionLayout layout, List<String> lines) throws SQLException {
        boolean ok = true;
        Map<String, Long> before = new BackupCounts(session, runId, layout).recorded();
        for (ConvertedTable t : layout.tables()) {
            long now = UuidKeyConversion.count(session.store.connection(), t.original());
            TableInfo restored = session.catalog.table(t.table().schema(), t.name()).orElseThrow();
            boolean types = t.columns().stream().allMatch(c -> restored.column(c).map(ColumnInfo::type)
                    .equals(t.table().column(c).map(ColumnInfo::type)));
            Optional<String> kept = session.journal.batches().definition(runId, t.table().schema(), t.name());
            List<String> differences = kept.isEmpty() ? List.of() : DefinitionDifferences.exactly(
                    DefinitionJson.read(kept.get()), new TableDefinition(session.connection).read(restored.oid()));
            boolean same = now == before.get(t.display()) && types && differences.isEmpty();
            ok &= same;
            lines.add(String.format("%s: %,d rows (%,d before), column types %s, definition %s: %s", t.display(), now,
                    before.get(t.display()), types ? "as before" : "DIFFERENT", kept.isEmpty() ? "not kept by this run"
                            : differences.isEmpty() ? "as before" : "DIFFERENT " + differences,
                    same ? "restored" : "MISMATCH"));
        }
        return ok;
    }

    /** Drops the shadows and the write guards of a run that did not swap; the originals were never changed. */
    void discardShadows(String runId, ConversionLayout layout, String why) throws SQLException {
        Connection c = session.store.connection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            new ShadowTables(session.plan.schema()).disarm(c, layout, false);
            for (ConvertedTable t : layout.tables()) {
                s.execute("DROP TABLE IF EXISTS " + t.shadow() + " CASCADE");
            }
            session.journal.update(c, runId, "rolled_back", ConversionStep.ROLLED_BACK.name(), why);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            FailedTransaction.rollback(c, e);
            throw e;
        } finally {
            FailedTransaction.autoCommit(c);
        }
    }

    /** Drops the backup tables of a converted run (and the backup schema when it is left empty). */
    UuidConversionReport cleanup() throws SQLException {
        Instant t0 = Instant.now();
        Optional<PostgresJournal.RunRow> active = session.activeRun();
        if (active.isEmpty() || ConversionSession.step(active.get()) != ConversionStep.SWAPPED) {
            throw new ConversionRefused("Nothing to clean up: plan " + session.plan.name() + " has no converted run"
                    + " whose backup is still there. See `ferry pg op status`.");
        }
        String runId = active.get().runId();
        ConversionLayout layout = session.recordedLayout(runId);
        Connection c = session.store.connection();
        List<String> dropped = layout.tables().stream().map(ConvertedTable::backup).toList();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + String.join(", ", dropped));
            for (ConvertedTable t : layout.tables()) {
                for (ConvertedTable.Statistics st : t.statistics()) { // normally gone with their table
                    s.execute("DROP STATISTICS IF EXISTS " + SqlNames.qualified(t.backupSchema(), st.name()));
                }
            }
            for (String schema : layout.tables().stream().map(ConvertedTable::backupSchema).distinct().toList()) {
                if (emptySchema(c, schema)) {
                    s.execute("DROP SCHEMA " + SqlNames.quote(schema));
                }
            }
            session.journal.update(c, runId, "completed", ConversionStep.CLEANED.name(), "backup dropped");
            c.commit();
        } catch (SQLException | RuntimeException e) {
            FailedTransaction.rollback(c, e);
            throw e;
        } finally {
            FailedTransaction.autoCommit(c);
        }
        return report(runId, true, ConversionStep.CLEANED.name(), 0, t0, List.of("Dropped " + String.join(", ", dropped)
                + ". There is no way back to the string keys from Ferry any more."));
    }

    private static boolean emptySchema(Connection c, String schema) throws SQLException {
        try (var q = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM pg_depend d JOIN pg_namespace n ON n.oid ="
                + " d.refobjid WHERE d.refclassid = 'pg_namespace'::regclass AND n.nspname = ?)")) {
            q.setString(1, schema);
            try (var r = q.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    private UuidConversionReport report(String runId, boolean ok, String step, long lock, Instant t0, List<String> lines) {
        return new UuidConversionReport(session.plan.name(), runId, "rollback", ok, step, Map.of(), lock, Map.of(),
                Duration.between(t0, Instant.now()), false, lines);
    }
}
