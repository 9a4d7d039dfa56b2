package dev.ferry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Ferry's own tables in a PostgreSQL database: runs (plan and its hash, step reached, state, owner), the batches each
 * run has committed (a batch's rows and its journal row commit in one transaction, so a resumed run never copies
 * twice), and the lease: a session advisory lock per plan, released by the server when the holder's connection dies.
 */
public final class PostgresJournal {

    public static final String RUNS = "ferry_pg_runs";
    public static final String BATCHES = "ferry_pg_batches";
    public static final String TABLES = "ferry_pg_tables";
    /** The plan file's hash when the run started; added after the first release, so older rows have none. */
    static final String PLAN_HASH = "plan_hash";

    private final Connection connection;
    private final String schema;

    /** Whether the runs table has the plan hash column; null until looked up. */
    private Boolean planHashColumn;

    public PostgresJournal(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
    }

    public void create() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + runs() + " (run_id text PRIMARY KEY, plan text NOT NULL,"
                    + " kind text NOT NULL, state text NOT NULL, step text NOT NULL, owner text,"
                    + " started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),"
                    + " message text, layout text, checkpoint text, " + SqlNames.quote(PLAN_HASH) + " text, "
                    + String.join(", ", PostgresRunVerdicts.COLUMNS) + ")");
            upgrade(s);
            s.execute("CREATE TABLE IF NOT EXISTS " + batches() + " (run_id text NOT NULL, table_name text NOT NULL,"
                    + " batch integer NOT NULL, rows bigint NOT NULL, done_at timestamptz NOT NULL DEFAULT now(),"
                    + " PRIMARY KEY (run_id, table_name, batch))");
            s.execute("CREATE TABLE IF NOT EXISTS " + SqlNames.qualified(schema, TABLES) + " (run_id text NOT NULL,"
                    + " table_name text NOT NULL, pages_per_batch integer NOT NULL, batches integer NOT NULL,"
                    + " rows_before bigint NOT NULL, PRIMARY KEY (run_id, table_name))");
        }
    }

    /** Takes the plan's lease for this session, or returns false when another session holds it. */
    public boolean tryLease(String plan) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            s.setString(1, "ferry:" + plan);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    public void releaseLease(String plan) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            s.setString(1, "ferry:" + plan);
            s.execute();
        }
    }

    /**
     * Whether any session holds the plan's lease now (pg_locks shows a bigint advisory key as classid, the high half,
     * and objid, the low half). A run the journal calls running whose lease is free was stopped mid-way.
     */
    public boolean leaseHeld(String plan) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype ="
                + " 'advisory' AND granted AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname ="
                + " current_database()) AND ((classid::bigint << 32) | objid::bigint) = hashtext(?)::bigint)")) {
            s.setString(1, "ferry:" + plan);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /** The plan's newest run, if any. */
    public Optional<RunRow> latest(String plan) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(selectRuns() + " WHERE plan = ? ORDER BY started_at DESC"
                + " LIMIT 1")) {
            s.setString(1, plan);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(runRow(r)) : Optional.empty();
            }
        }
    }

    /** A new run of the plan whose file hashed to {@code planHash} (null when the caller has no plan file). */
    public void insertRun(Connection c, String runId, String plan, String planHash, String kind, String step,
                          String owner) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + runs() + " (run_id, plan, "
                + SqlNames.quote(PLAN_HASH) + ", kind, state, step, owner) VALUES (?, ?, ?, ?, 'running', ?, ?)")) {
            s.setString(1, runId);
            s.setString(2, plan);
            s.setString(3, planHash);
            s.setString(4, kind);
            s.setString(5, step);
            s.setString(6, owner);
            s.executeUpdate();
        }
    }

    /** Moves the run to {@code step} / {@code state}; on connection {@code c} so it commits with the step's own work. */
    public void update(Connection c, String runId, String state, String step, String message) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + runs() + " SET state = ?, step = coalesce(?, step),"
                + " message = ?, updated_at = clock_timestamp() WHERE run_id = ?")) {
            s.setString(1, state);
            s.setString(2, step);
            s.setString(3, message);
            s.setString(4, runId);
            s.executeUpdate();
        }
    }

    /** Records a committed batch; call inside the batch's transaction. */
    public void batchDone(Connection c, String runId, String table, int batch, long rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + batches()
                + " (run_id, table_name, batch, rows) VALUES (?, ?, ?, ?)")) {
            s.setString(1, runId);
            s.setString(2, table);
            s.setInt(3, batch);
            s.setLong(4, rows);
            s.executeUpdate();
        }
    }

    /** Batches of the table already committed by the run. */
    public Set<Integer> doneBatches(String runId, String table) throws SQLException {
        Set<Integer> done = new HashSet<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT batch FROM " + batches()
                + " WHERE run_id = ? AND table_name = ?")) {
            s.setString(1, runId);
            s.setString(2, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    done.add(r.getInt(1));
                }
            }
        }
        return done;
    }

    /** Rows the run has committed so far, over all tables. */
    public long rowsDone(String runId) throws SQLException {
        return sum("SELECT coalesce(sum(rows), 0) FROM " + batches() + " WHERE run_id = ?", runId);
    }

    /** Rows the run has committed so far into one table's shadow. */
    public long rowsDone(String runId, String table) throws SQLException {
        return sum("SELECT coalesce(sum(rows), 0) FROM " + batches() + " WHERE run_id = ? AND table_name = ?", runId,
                table);
    }

    public void forgetBatches(Connection c, String runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + batches() + " WHERE run_id = ?")) {
            s.setString(1, runId);
            s.executeUpdate();
        }
    }

    /** How a table is cut into batches for the run, fixed when the run starts so a resumed run cuts it alike. */
    public void planTable(Connection c, String runId, String table, int pagesPerBatch, int batches, long rowsBefore)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + SqlNames.qualified(schema, TABLES)
                + " (run_id, table_name, pages_per_batch, batches, rows_before) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, runId);
            s.setString(2, table);
            s.setInt(3, pagesPerBatch);
            s.setInt(4, batches);
            s.setLong(5, rowsBefore);
            s.executeUpdate();
        }
    }

    /** {pages per batch, batches, rows before} for the run's table, or empty. */
    public Optional<long[]> tablePlan(String runId, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pages_per_batch, batches, rows_before FROM "
                + SqlNames.qualified(schema, TABLES) + " WHERE run_id = ? AND table_name = ?")) {
            s.setString(1, runId);
            s.setString(2, table);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new long[] {r.getLong(1), r.getLong(2), r.getLong(3)}) : Optional.empty();
            }
        }
    }

    /** The run's table layout as JSON, kept so a resumed run or a rollback knows the tables as they were. */
    public void saveLayout(Connection c, String runId, String json) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + runs() + " SET layout = ? WHERE run_id = ?")) {
            s.setString(1, json);
            s.setString(2, runId);
            s.executeUpdate();
        }
    }

    public Optional<String> layout(String runId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT layout FROM " + runs() + " WHERE run_id = ?")) {
            s.setString(1, runId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Every run, newest first (of one plan, or all when null). */
    public java.util.List<RunRow> runs(String plan) throws SQLException {
        java.util.List<RunRow> rows = new java.util.ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(selectRuns() + " WHERE ? IS NULL OR plan = ?"
                + " ORDER BY started_at DESC")) {
            s.setString(1, plan);
            s.setString(2, plan);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(runRow(r));
                }
            }
        }
        return rows;
    }

    /** The last key a keyset run has finished, saved in the batch's own transaction. */
    public void checkpoint(Connection c, String runId, String lastKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + runs() + " SET checkpoint = ?,"
                + " updated_at = clock_timestamp() WHERE run_id = ?")) {
            s.setString(1, lastKey);
            s.setString(2, runId);
            s.executeUpdate();
        }
    }

    public Optional<String> checkpoint(String runId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT checkpoint FROM " + runs() + " WHERE run_id = ?")) {
            s.setString(1, runId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** The rows the run's tables held when it counted them (0 when it has not counted yet). */
    public long rowsBefore(String runId) throws SQLException {
        return sum("SELECT coalesce(sum(rows_before), 0) FROM " + SqlNames.qualified(schema, TABLES)
                + " WHERE run_id = ?", runId);
    }

    private long sum(String sql, String... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Forgets how the run's tables were counted and cut, before they are counted again. */
    public void forgetTables(Connection c, String runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + SqlNames.qualified(schema, TABLES)
                + " WHERE run_id = ?")) {
            s.setString(1, runId);
            s.executeUpdate();
        }
    }

    private String runs() {
        return SqlNames.qualified(schema, RUNS);
    }

    /**
     * The columns of a {@link RunRow}. History reads every schema's journal without creating or upgrading it (a
     * read-only user may look), so a journal from before the plan hash reads as having none.
     */
    private String selectRuns() throws SQLException {
        return "SELECT run_id, plan, kind, state, step, owner, started_at, updated_at, message, "
                + (hasPlanHash() ? SqlNames.quote(PLAN_HASH) : "NULL::text") + " FROM " + runs();
    }

    private static RunRow runRow(ResultSet r) throws SQLException {
        return new RunRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getTimestamp(7).toInstant(), r.getTimestamp(8).toInstant(), r.getString(9),
                r.getString(10));
    }

    /**
     * Adds the columns that came after the first release (the plan hash, then the verdicts) to a journal from before
     * them. ADD COLUMN locks the table, so only when the newest is missing: each came with a release, in order.
     */
    private void upgrade(Statement s) throws SQLException {
        if (hasColumn(connection, schema, PostgresRunVerdicts.VALIDATED_AT)) {
            return;
        }
        StringBuilder sql = new StringBuilder("ALTER TABLE " + runs() + " ADD COLUMN IF NOT EXISTS "
                + SqlNames.quote(PLAN_HASH) + " text");
        for (String column : PostgresRunVerdicts.COLUMNS) {
            sql.append(", ADD COLUMN IF NOT EXISTS ").append(column);
        }
        s.execute(sql.toString());
        planHashColumn = true;
    }

    /** Whether the runs table has the plan hash column; looked up once. */
    private boolean hasPlanHash() throws SQLException {
        if (planHashColumn == null) {
            planHashColumn = hasColumn(connection, schema, PLAN_HASH);
        }
        return planHashColumn;
    }

    /** Read from the catalog (no lock on the table): whether the schema's runs table has {@code column}. */
    static boolean hasColumn(Connection connection, String schema, String column) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND a.attname = ? AND NOT a.attisdropped)")) {
            s.setString(1, schema);
            s.setString(2, RUNS);
            s.setString(3, column);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    private String batches() {
        return SqlNames.qualified(schema, BATCHES);
    }

    /**
     * One run as the journal keeps it.
     *
     * @param planHash the plan file's hash when the run started; null for runs journalled before Ferry recorded it
     *                 (or started without a plan file): unknown, so it never blocks a resume
     */
    public record RunRow(String runId, String plan, String kind, String state, String step, String owner,
                         Instant startedAt, Instant updatedAt, String message, String planHash) { }
}
