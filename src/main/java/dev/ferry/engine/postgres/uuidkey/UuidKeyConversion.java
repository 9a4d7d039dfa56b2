package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.runtime.RunIds;

import dev.ferry.engine.postgres.ConversionRefused;
import dev.ferry.engine.postgres.FailedTransaction;
import dev.ferry.engine.postgres.PlanHashCheck;

import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunState;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresJournal;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.postgres.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook 002's forward operations for a {@code uuid-key-conversion} plan: validate_schema, backup_data and the
 * conversion (shadow tables filled in committed batches, indexes and keys rebuilt on them, then one short swap that
 * moves the originals into the backup schema). Every step is recorded in the journal and resumes after a crash.
 */
public final class UuidKeyConversion {

    private final ConversionSession session;

    public UuidKeyConversion(PostgresStore store, UuidKeyPlan plan, RunListener listener, RunControl control) {
        this.session = new ConversionSession(store, plan, listener, control);
    }

    /** What will change and what is wrong, with the rows at fault; touches none of the plan's tables. */
    public SchemaReport validateSchema() {
        return new SchemaValidation(session).validateSchema();
    }

    private SchemaReport checkSchema() throws SQLException {
        return new SchemaValidation(session).check();
    }

    /**
     * Before the swap: creates the backup schema, counts every table exactly and records the counts with the run.
     * The originals themselves become the backup at the swap (no copy). After the swap: checks the backup's counts.
     */
    public UuidConversionReport backupData() {
        try {
            return session.log.record("backup_data", null, this::backup, r -> String.join(" ", r.lines()),
                    UuidConversionReport::ok);
        } catch (SQLException e) {
            throw session.failure("prepare the backup", e);
        }
    }

    private UuidConversionReport backup() throws SQLException {
        Instant t0 = Instant.now();
        Optional<PostgresJournal.RunRow> active = session.activeRun();
        if (active.isPresent()) {
            String runId = active.get().runId();
            boolean swapped = ConversionSession.step(active.get()).compareTo(ConversionStep.SWAPPED) >= 0;
            if (!swapped) {
                PlanHashCheck.refuseChanged(active.get(), session.plan);
            }
            ConversionLayout layout = session.recordedLayout(runId);
            BackupCounts counts = new BackupCounts(session, runId, layout);
            if (ConversionSession.step(active.get()) == ConversionStep.PLANNED && !counts.complete()) {
                UuidConversionReport[] recounted = new UuidConversionReport[1];
                inTransaction(c -> {
                    session.journal.batches().forgetTables(c, runId);
                    recounted[0] = counts.record(t0);
                });
                return recounted[0];
            }
            return counts.verify(swapped, t0);
        }
        SchemaReport schema = checkSchema();
        if (!schema.ok()) {
            throw new ConversionRefused("validate_schema found problems; nothing was changed:\n  - "
                    + String.join("\n  - ", schema.blockers()));
        }
        ConversionLayout layout = session.working(ConversionLayout.read(session.catalog, session.plan,
                session.plan.schema()));
        String runId = RunIds.newRunId();
        Connection c = session.store.connection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String backup : layout.tables().stream().map(ConvertedTable::backupSchema).distinct().toList()) {
                if (session.catalog.userSchemas().stream().noneMatch(backup::equals)) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + SqlNames.quote(backup));
                }
            }
            session.journal.insertRun(c, runId, session.plan.name(), session.plan.hash(), UuidKeyPlan.KIND,
                    ConversionStep.PLANNED.name(), System.getProperty("user.name"));
            session.journal.saveLayout(c, runId, session.layoutJson(layout));
            // With the run, in one transaction: a run killed in between would have no counts to resume from.
            UuidConversionReport counted = new BackupCounts(session, runId, layout).record(t0);
            c.commit();
            return counted;
        } catch (SQLException | RuntimeException e) {
            FailedTransaction.rollback(c, e);
            throw e;
        } finally {
            FailedTransaction.autoCommit(c);
        }
    }

    /** The conversion itself, from wherever the plan's run stands; returns at the swap or when stopped. */
    public UuidConversionReport convert() {
        try {
            session.lease();
            try {
                return session.log.recordStatus("convert", null, this::convertNow, r -> String.join(" ", r.lines()),
                        r -> r.ok() ? "completed" : r.step().equals(ConversionStep.SHADOWS_CREATED.name()) ? "paused"
                                : "failed");
            } finally {
                session.releaseLease();
            }
        } catch (SQLException e) {
            throw session.failure("convert", e);
        }
    }

    private UuidConversionReport convertNow() throws SQLException {
        Instant t0 = Instant.now();
        Optional<PostgresJournal.RunRow> active = session.activeRun();
        boolean resumed = active.isPresent() && ConversionSession.step(active.get()) != ConversionStep.PLANNED;
        if (active.isPresent() && ConversionSession.step(active.get()).compareTo(ConversionStep.SWAPPED) < 0) {
            PlanHashCheck.refuseChanged(active.get(), session.plan);
        }
        if (active.isEmpty()) {
            backupData();
            active = session.activeRun();
        }
        String runId = active.orElseThrow().runId();
        ConversionStep step = ConversionSession.step(active.get());
        ConversionLayout layout = session.recordedLayout(runId);
        ConversionRun run = session.run(runId, layout);
        BackupCounts counts = new BackupCounts(session, runId, layout);
        // A PLANNED run is counted again below; one stopped before its counts were all written has none to read.
        Map<String, Long> before = step == ConversionStep.PLANNED && !counts.complete() ? Map.of() : counts.recorded();
        long total = before.isEmpty() ? -1 : before.values().stream().mapToLong(Long::longValue).sum();
        session.listener.on(new RunEvent.Started(Instant.now(), runId, session.plan.name(), total,
                session.journal.batches().rowsDone(runId), resumed));
        Map<String, Duration> phases = new LinkedHashMap<>();
        long lock = 0;
        if (step == ConversionStep.SWAPPED) {
            return report(runId, true, step, before, 0, phases, t0, resumed,
                    List.of("Already converted by run " + runId + "; nothing to do."));
        }
        if (step == ConversionStep.PLANNED) {
            Instant p = Instant.now();
            // The guard triggers lock out writers until this commits, so the counts taken here are exactly the
            // rows the fill copies, even if the tables changed since backup_data counted them.
            inTransaction(c -> {
                new ShadowTables(session.plan.schema()).create(c, layout);
                session.journal.batches().forgetTables(c, runId);
                new BackupCounts(session, runId, layout).record(Instant.now());
                session.journal.update(c, runId, "running", ConversionStep.SHADOWS_CREATED.name(), null);
            });
            before = new BackupCounts(session, runId, layout).recorded();
            step = ConversionStep.SHADOWS_CREATED;
            phases.put("shadows", Duration.between(p, Instant.now()));
        }
        if (step == ConversionStep.SHADOWS_CREATED) {
            Instant p = Instant.now();
            state(runId, "copying rows into the shadow tables");
            boolean filled;
            try {
                filled = new ShadowTableFill(run).fill(before);
            } catch (SQLException e) {
                if ("22P02".equals(e.getSQLState())) {
                    throw new ConversionRefused("A value that is not a UUID appeared after validate_schema ("
                            + new ShadowNames(layout).of(e) + "). Run rollback (it drops the partial copy), fix the"
                            + " rows that validate_schema lists, and run the conversion again.");
                }
                throw e;
            }
            if (!filled) {
                session.journal.update(session.store.connection(), runId, "paused", null, session.control.reason());
                return report(runId, false, step, before, 0, phases, t0, resumed, List.of("Stopped between batches ("
                        + session.control.reason() + "); run convert again to resume from the last batch."));
            }
            session.journal.update(session.store.connection(), runId, "running", ConversionStep.FILLED.name(), null);
            step = ConversionStep.FILLED;
            phases.put("fill", Duration.between(p, Instant.now()));
        }
        if (step == ConversionStep.FILLED) {
            Instant p = Instant.now();
            state(runId, "building indexes and keys on the shadow tables");
            try {
                new ShadowIndexes(run).build();
            } catch (SQLException e) {
                if (e.getSQLState() != null && (e.getSQLState().startsWith("23") || e.getSQLState().startsWith("22"))) {
                    throw new ConversionRefused("The converted copies' keys do not hold: " + new ShadowNames(layout)
                            .of(e) + ". The rows changed since validate_schema checked them. Run rollback (it drops the"
                            + " copies; the tables were never changed), then validate_schema to list the rows at fault,"
                            + " fix them and convert again.");
                }
                throw e;
            }
            session.journal.update(session.store.connection(), runId, "running", ConversionStep.INDEXED.name(), null);
            step = ConversionStep.INDEXED;
            phases.put("indexes", Duration.between(p, Instant.now()));
        }
        Instant p = Instant.now();
        state(runId, "swapping the tables");
        try {
            lock = new TableSwap(run).swap();
        } catch (TableSwap.WritesDuringCopy e) {
            new UuidKeyRollback(session).discardShadows(runId, layout, "writes during the copy");
            throw new ConversionRefused("The tables were written while Ferry copied them (" + e.getMessage() + ")."
                    + " Nothing was swapped and the copy was discarded. Stop the application's writes (runbook 002:"
                    + " downtime) and run convert again.");
        } catch (TableSwap.DefinitionsDiffer e) {
            throw new ConversionRefused("The converted tables would not be the same tables as the originals: "
                    + String.join("; ", e.differences) + ". Nothing was swapped: the application's tables are as they"
                    + " were. If someone altered them while Ferry copied them, run rollback (it drops the copies) and"
                    + " convert again; otherwise Ferry does not carry this yet: change it back before the conversion"
                    + " and make it again after.");
        }
        phases.put("swap", Duration.between(p, Instant.now()));
        session.listener.on(new RunEvent.StateChanged(Instant.now(), runId, RunState.COMPLETED,
                "converted; exclusive locks held " + lock + " ms"));
        List<String> lines = new ArrayList<>();
        lines.add("Converted " + String.join(", ", before.keySet()) + "; the originals are in schema "
                + String.join(", ", layout.tables().stream().map(ConvertedTable::backupSchema).distinct().toList())
                + ". Exclusive locks held " + lock + " ms.");
        lines.addAll(new BackupCounts(session, runId, layout).verify(true, t0).lines());
        return report(runId, true, ConversionStep.SWAPPED, before, lock, phases, t0, resumed, lines);
    }

    private void state(String runId, String what) {
        session.listener.on(new RunEvent.StateChanged(Instant.now(), runId, RunState.RUNNING, what));
    }

    private UuidConversionReport report(String runId, boolean ok, ConversionStep step, Map<String, Long> rows, long lock,
                                        Map<String, Duration> phases, Instant t0, boolean resumed, List<String> lines) {
        return new UuidConversionReport(session.plan.name(), runId, "convert", ok, step.name(), rows, lock, phases,
                Duration.between(t0, Instant.now()), resumed, lines);
    }

    private interface TransactionWork {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(TransactionWork work) throws SQLException {
        Connection c = session.store.connection();
        c.setAutoCommit(false);
        try {
            work.run(c);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            FailedTransaction.rollback(c, e);
            throw e;
        } finally {
            FailedTransaction.autoCommit(c);
        }
    }

    static long count(Connection c, String qualifiedTable) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + qualifiedTable);
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
