package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.ConversionRefused;
import dev.ferry.engine.postgres.FailedTransaction;
import dev.ferry.store.postgres.IndexInfo;
import dev.ferry.store.postgres.OwnedSequence;
import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableAttachments;
import dev.ferry.store.postgres.TableDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The only moments that take ACCESS EXCLUSIVE locks: one short transaction that moves the originals into their backup
 * schemas (they are the backup, untouched) and gives the shadows their names and what a table carries that only the
 * live table may have (row security, policies, publications), and the reverse for a rollback. The swap compares each
 * converted table's definition with its original's before it commits, and refuses to commit a table that differs in
 * more than the converted columns' types. Both set {@code lock_timeout}, so they give up instead of queueing the
 * application behind them, and both return how long the locks were held.
 */
final class TableSwap {

    private final ConversionRun run;
    private final ShadowTables shadows;

    TableSwap(ConversionRun run) {
        this.run = run;
        this.shadows = new ShadowTables(run.plan().schema());
    }

    /** Shadows become the tables; returns the milliseconds the exclusive locks were held. */
    long swap() throws SQLException {
        Connection c = run.store().connection();
        List<ConvertedTable> tables = run.layout().tables();
        return inLockedTransaction(c, all(t -> t.original() + ", " + t.shadow()), () -> {
            List<String> writes = shadows.writesSinceCopy(c);
            if (!writes.isEmpty()) {
                throw new WritesDuringCopy(writes);
            }
            // Read before anything moves: expressions then name the tables as the application knows them.
            Map<ConvertedTable, TableAttachments> attachments = new LinkedHashMap<>();
            Map<ConvertedTable, List<String>> before = new LinkedHashMap<>();
            for (ConvertedTable t : tables) {
                attachments.put(t, TableAttachments.read(c, t.table().oid()));
                before.put(t, new TableDefinition(c).read(t.table().oid()));
            }
            for (ConvertedTable t : tables) {
                for (OwnedSequence seq : t.sequences()) {
                    if (seq.identity()) {
                        execute(c, "ALTER TABLE " + t.shadow() + " ALTER COLUMN " + SqlNames.quote(seq.column())
                                + " RESTART WITH " + nextValue(c, seq));
                    } else {
                        execute(c, "ALTER SEQUENCE " + seq.qualified() + " OWNED BY NONE");
                    }
                }
                execute(c, "DROP TRIGGER IF EXISTS " + ShadowTables.WRITE_GUARD + " ON " + t.original());
                execute(c, "ALTER TABLE " + t.original() + " SET SCHEMA " + SqlNames.quote(t.backupSchema()));
                for (TableAttachments.StatisticsObject s : attachments.get(t).statistics()) {
                    execute(c, "ALTER STATISTICS " + SqlNames.qualified(s.schema(), s.name()) + " SET SCHEMA "
                            + SqlNames.quote(t.backupSchema()));
                }
            }
            for (ConvertedTable t : tables) {
                intoPlace(c, t, attachments.get(t));
            }
            try (Statement s = c.createStatement()) {
                for (ConvertedTable t : tables) {
                    for (CarriedStatement carried : new ShadowDefinition(t, attachments.get(t)).atSwap(t.original(),
                            run.layout().convertedColumnNames())) {
                        SQLException refused = carried.tryOn(s);
                        if (refused != null) {
                            throw new ConversionRefused(ShadowRehearsal.refusal(carried, new ShadowNames(run.layout())
                                    .of(refused)) + " Nothing was swapped: the application's tables are as they were;"
                                    + " run convert again once it is dealt with.");
                        }
                    }
                }
            }
            List<String> differences = new ArrayList<>();
            for (ConvertedTable t : tables) {
                List<String> after = new TableDefinition(c).read(oid(c, t.original()));
                DefinitionDifferences.between(before.get(t), after, t.columns(), run.layout().convertedColumnNames())
                        .forEach(d -> differences.add(t.display() + " " + d));
            }
            if (!differences.isEmpty()) {
                throw new DefinitionsDiffer(differences);
            }
            for (ConvertedTable t : tables) {
                run.journal().batches().saveDefinition(c, run.runId(), t.table().schema(), t.name(),
                        DefinitionJson.write(before.get(t)));
            }
            run.journal().update(c, run.runId(), "completed", ConversionStep.SWAPPED.name(), null);
        });
    }

    /** The shadow takes the original's name, and its indexes, constraints, sequences and statistics theirs. */
    private static void intoPlace(Connection c, ConvertedTable t, TableAttachments a) throws SQLException {
        execute(c, "ALTER TABLE " + t.shadow() + " RENAME TO " + SqlNames.quote(t.name()));
        for (IndexInfo index : t.indexes()) {
            String temporary = SqlNames.quote(ConvertedTable.temporaryName(index));
            if (index.constraint() != null) {
                execute(c, "ALTER TABLE " + t.original() + " RENAME CONSTRAINT " + temporary + " TO "
                        + SqlNames.quote(index.constraint()));
            } else {
                execute(c, "ALTER INDEX " + SqlNames.quote(t.table().schema()) + "." + temporary + " RENAME TO "
                        + SqlNames.quote(index.name()));
            }
        }
        for (OwnedSequence seq : t.sequences()) {
            if (seq.identity()) { // the shadow's own identity sequence takes the name the original's had
                execute(c, "ALTER SEQUENCE " + identitySequence(c, t, seq.column()) + " RENAME TO "
                        + SqlNames.quote(seq.name()));
            } else {
                execute(c, "ALTER SEQUENCE " + seq.qualified() + " OWNED BY " + t.original() + "."
                        + SqlNames.quote(seq.column()));
            }
        }
        for (TableAttachments.StatisticsObject s : a.statistics()) {
            ConvertedTable.Statistics copy = new ConvertedTable.Statistics(s.oid(), s.schema(), s.name());
            if (statisticsExist(c, s.schema(), "ferry_st_" + s.oid())) {
                execute(c, "ALTER STATISTICS " + copy.temporary() + " RENAME TO " + SqlNames.quote(s.name()));
            }
        }
    }

    /** The backup tables return under their names; the converted ones are dropped. Milliseconds locked. */
    long swapBack() throws SQLException {
        Connection c = run.store().connection();
        List<ConvertedTable> tables = run.layout().tables();
        return inLockedTransaction(c, all(t -> t.original() + ", " + t.backup()), () -> {
            new RollbackDependents(c, tables).refuseAny();
            for (ConvertedTable t : tables) {
                for (OwnedSequence seq : t.sequences()) {
                    if (!seq.identity()) {
                        execute(c, "ALTER SEQUENCE " + seq.qualified() + " OWNED BY NONE");
                    }
                }
            }
            execute(c, "DROP TABLE " + all(ConvertedTable::original));
            for (ConvertedTable t : tables) {
                execute(c, "ALTER TABLE " + t.backup() + " SET SCHEMA " + SqlNames.quote(t.table().schema()));
                for (ConvertedTable.Statistics s : t.statistics()) {
                    if (statisticsExist(c, t.backupSchema(), s.name())) {
                        execute(c, "ALTER STATISTICS " + SqlNames.qualified(t.backupSchema(), s.name())
                                + " SET SCHEMA " + SqlNames.quote(s.schema()));
                    }
                }
                for (OwnedSequence seq : t.sequences()) {
                    if (!seq.identity()) {
                        execute(c, "ALTER SEQUENCE " + seq.qualified() + " OWNED BY " + t.original() + "."
                                + SqlNames.quote(seq.column()));
                    }
                }
            }
            run.journal().update(c, run.runId(), "rolled_back", ConversionStep.ROLLED_BACK.name(), null);
        });
    }

    private interface Work {
        void run() throws SQLException;
    }

    private long inLockedTransaction(Connection c, String tables, Work work) throws SQLException {
        c.setAutoCommit(false);
        try {
            execute(c, "SET LOCAL lock_timeout = '" + run.plan().lockTimeoutMs() + "ms'");
            long t0 = System.nanoTime();
            execute(c, "LOCK TABLE " + tables + " IN ACCESS EXCLUSIVE MODE");
            work.run();
            c.commit();
            return (System.nanoTime() - t0) / 1_000_000;
        } catch (SQLException | RuntimeException e) {
            FailedTransaction.rollback(c, e);
            if (e instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                throw new ConversionRefused("Could not lock the tables within " + run.plan().lockTimeoutMs() + " ms:"
                        + " other sessions hold them (long transactions?). Nothing was changed; run the same command"
                        + " again when they are done, or raise lock_timeout_ms in the plan.");
            }
            throw e;
        } finally {
            FailedTransaction.autoCommit(c);
        }
    }

    private String all(java.util.function.Function<ConvertedTable, String> part) {
        return run.layout().tables().stream().map(part).collect(Collectors.joining(", "));
    }

    /** The value the original's identity sequence would hand out next. */
    private static long nextValue(Connection c, OwnedSequence seq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_value, is_called, (SELECT seqincrement FROM"
                + " pg_sequence WHERE seqrelid = ?::regclass) FROM " + seq.qualified())) {
            s.setString(1, seq.qualified());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(2) ? r.getLong(1) + r.getLong(3) : r.getLong(1);
            }
        }
    }

    /** The identity sequence of {@code t}'s column, as a qualified name (the shadow's until it is renamed). */
    private static String identitySequence(Connection c, ConvertedTable t, String column) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
            s.setString(1, t.original());
            s.setString(2, column);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private static boolean statisticsExist(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_statistic_ext x JOIN pg_namespace n"
                + " ON n.oid = x.stxnamespace WHERE n.nspname = ? AND x.stxname = ?")) {
            s.setString(1, schema);
            s.setString(2, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    static long oid(Connection c, String qualifiedTable) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ?::regclass::oid::bigint")) {
            s.setString(1, qualifiedTable);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The originals were written after their rows were copied: the copy is stale and must be made again. */
    static final class WritesDuringCopy extends RuntimeException {
        final List<String> writes;

        WritesDuringCopy(List<String> writes) {
            super(String.join("; ", writes));
            this.writes = writes;
        }
    }

    /** A converted table would not be the same table as its original: the swap is not committed. */
    static final class DefinitionsDiffer extends RuntimeException {
        final List<String> differences;

        DefinitionsDiffer(List<String> differences) {
            super(String.join("; ", differences));
            this.differences = differences;
        }
    }
}
