package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.ConversionRefused;
import dev.ferry.engine.postgres.FailedTransaction;

import dev.ferry.store.postgres.IndexInfo;
import dev.ferry.store.postgres.OwnedSequence;
import dev.ferry.store.postgres.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The only moments that take ACCESS EXCLUSIVE locks: one short transaction that moves the originals into the backup
 * schema (they are the backup, untouched) and gives the shadows their names, and the reverse for a rollback. Both
 * set {@code lock_timeout}, so they give up instead of queueing the application behind them, and both return how long
 * the locks were held.
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
        String backup = SqlNames.quote(run.plan().backupSchema());
        return inLockedTransaction(c, all(t -> t.original() + ", " + t.shadow()), () -> {
            List<String> writes = shadows.writesSinceCopy(c);
            if (!writes.isEmpty()) {
                throw new WritesDuringCopy(writes);
            }
            for (ConvertedTable t : run.layout().tables()) {
                for (OwnedSequence seq : t.sequences()) {
                    if (seq.identity()) {
                        execute(c, "ALTER TABLE " + t.shadow() + " ALTER COLUMN " + SqlNames.quote(seq.column())
                                + " RESTART WITH " + nextValue(c, seq));
                    } else {
                        execute(c, "ALTER SEQUENCE " + seq.qualified() + " OWNED BY NONE");
                    }
                }
                execute(c, "DROP TRIGGER IF EXISTS " + ShadowTables.WRITE_GUARD + " ON " + t.original());
                execute(c, "ALTER TABLE " + t.original() + " SET SCHEMA " + backup);
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
                    if (!seq.identity()) {
                        execute(c, "ALTER SEQUENCE " + seq.qualified() + " OWNED BY " + t.original() + "."
                                + SqlNames.quote(seq.column()));
                    }
                }
            }
            run.journal().update(c, run.runId(), "completed", ConversionStep.SWAPPED.name(), null);
        });
    }

    /** The backup tables return under their names; the converted ones are dropped. Milliseconds locked. */
    long swapBack() throws SQLException {
        Connection c = run.store().connection();
        String backupSchema = run.plan().backupSchema();
        return inLockedTransaction(c, all(t -> t.original() + ", " + SqlNames.qualified(backupSchema, t.name())), () -> {
            for (ConvertedTable t : run.layout().tables()) {
                for (OwnedSequence seq : t.sequences()) {
                    if (!seq.identity()) {
                        execute(c, "ALTER SEQUENCE " + seq.qualified() + " OWNED BY NONE");
                    }
                }
            }
            execute(c, "DROP TABLE " + all(ConvertedTable::original));
            for (ConvertedTable t : run.layout().tables()) {
                execute(c, "ALTER TABLE " + SqlNames.qualified(backupSchema, t.name()) + " SET SCHEMA "
                        + SqlNames.quote(t.table().schema()));
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
}
