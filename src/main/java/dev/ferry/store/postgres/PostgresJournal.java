package dev.ferry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journal of PostgreSQL operation plans, in Ferry's own schema {@code ferry}: runs (plan and its hash, step
 * reached, state, owner), the batches each run has committed (a batch's rows and its journal row commit in one
 * transaction, so a resumed run never copies twice) and how each table was counted and cut, keyed by schema and table;
 * and the lease: a session advisory lock per plan, released by the server when the holder's connection dies. A journal
 * an older version kept in the plan's schema is moved here when the plan's operations open it ({@link #create}).
 */
public final class PostgresJournal {

    /** The plan file's hash when the run started; the older layout gained it after its first release. */
    static final String PLAN_HASH = "plan_hash";

    private final Connection connection;
    private final JournalTables at;
    /** Where an older version kept this plan's journal; null for a reader of an older journal in place. */
    private final String planSchema;
    /** Whether the runs table has the plan hash column (only the older layout may lack it); null until looked up. */
    private Boolean planHashColumn;

    /** The journal in schema {@code ferry}, for a plan whose tables are in {@code planSchema}. */
    public PostgresJournal(Connection connection, String planSchema) {
        this(connection, JournalTables.FERRY, planSchema);
    }

    private PostgresJournal(Connection connection, JournalTables at, String planSchema) {
        this.connection = connection;
        this.at = at;
        this.planSchema = planSchema;
    }

    /** An older version's journal in {@code schema}, read in place (History looks without moving anything). */
    public static PostgresJournal olderLayoutIn(Connection connection, String schema) {
        return new PostgresJournal(connection, JournalTables.legacy(schema), null);
    }

    public JournalTables tables() {
        return at;
    }

    /** The batches each run committed and how it counted and cut each table, on this journal's connection. */
    public PostgresBatchJournal batches() {
        return new PostgresBatchJournal(connection, at);
    }

    /**
     * Creates schema {@code ferry} and the journal's tables when missing, then moves an older version's journal from
     * the plan's schema into them. Each piece is looked up first: creating needs rights that reading does not.
     */
    public void create() throws SQLException {
        FerrySchema.ensure(connection);
        try (Statement s = connection.createStatement()) {
            if (!FerrySchema.exists(connection, at.runs())) {
                s.execute("CREATE TABLE IF NOT EXISTS " + at.qualifiedRuns() + " (run_id text PRIMARY KEY,"
                        + " plan text NOT NULL, kind text NOT NULL, state text NOT NULL, step text NOT NULL, owner text,"
                        + " started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),"
                        + " message text, layout text, checkpoint text, " + PLAN_HASH + " text, "
                        + String.join(", ", PostgresRunVerdicts.COLUMNS) + ")");
            }
            if (!FerrySchema.exists(connection, at.batches())) {
                s.execute("CREATE TABLE IF NOT EXISTS " + at.qualifiedBatches() + " (run_id text NOT NULL,"
                        + " schema_name text NOT NULL, table_name text NOT NULL, batch integer NOT NULL,"
                        + " rows bigint NOT NULL, done_at timestamptz NOT NULL DEFAULT now(),"
                        + " PRIMARY KEY (run_id, schema_name, table_name, batch))");
            }
            if (!FerrySchema.exists(connection, at.tables())) {
                s.execute("CREATE TABLE IF NOT EXISTS " + at.qualifiedTables() + " (run_id text NOT NULL,"
                        + " schema_name text NOT NULL, table_name text NOT NULL, pages_per_batch integer NOT NULL,"
                        + " batches integer NOT NULL, rows_before bigint NOT NULL, definition text,"
                        + " PRIMARY KEY (run_id, schema_name, table_name))");
            }
        } catch (SQLException e) {
            throw FerrySchema.explained(connection, e);
        }
        if (planSchema != null) {
            new OlderJournal(connection, planSchema).moveInto(at);
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

    /** The plan's newest run, if any (none when the journal was never created). */
    public Optional<RunRow> latest(String plan) throws SQLException {
        List<RunRow> runs = select(" WHERE plan = ? ORDER BY started_at DESC LIMIT 1", plan);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    /** Every run, newest first (of one plan, or all when null). */
    public List<RunRow> runs(String plan) throws SQLException {
        return plan == null ? select(" ORDER BY started_at DESC") : select(" WHERE plan = ? ORDER BY started_at DESC",
                plan);
    }

    private List<RunRow> select(String tail, String... parameters) throws SQLException {
        List<RunRow> rows = new ArrayList<>();
        if (!FerrySchema.exists(connection, at.schema(), at.runs())) {
            return rows;
        }
        try (PreparedStatement s = connection.prepareStatement(selectRuns() + tail)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new RunRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getTimestamp(7).toInstant(), r.getTimestamp(8).toInstant(),
                            r.getString(9), r.getString(10)));
                }
            }
        }
        return rows;
    }

    /** A new run of the plan whose file hashed to {@code planHash} (null when the caller has no plan file). */
    public void insertRun(Connection c, String runId, String plan, String planHash, String kind, String step,
                          String owner) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + at.qualifiedRuns() + " (run_id, plan, "
                + PLAN_HASH + ", kind, state, step, owner) VALUES (?, ?, ?, ?, 'running', ?, ?)")) {
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
        try (PreparedStatement s = c.prepareStatement("UPDATE " + at.qualifiedRuns() + " SET state = ?,"
                + " step = coalesce(?, step), message = ?, updated_at = clock_timestamp() WHERE run_id = ?")) {
            s.setString(1, state);
            s.setString(2, step);
            s.setString(3, message);
            s.setString(4, runId);
            s.executeUpdate();
        }
    }

    /** The run's table layout as JSON, kept so a resumed run or a rollback knows the tables as they were. */
    public void saveLayout(Connection c, String runId, String json) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + at.qualifiedRuns() + " SET layout = ? WHERE run_id = ?")) {
            s.setString(1, json);
            s.setString(2, runId);
            s.executeUpdate();
        }
    }

    public Optional<String> layout(String runId) throws SQLException {
        return text("SELECT layout FROM " + at.qualifiedRuns() + " WHERE run_id = ?", runId);
    }

    /** The last key a keyset run has finished, saved in the batch's own transaction. */
    public void checkpoint(Connection c, String runId, String lastKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + at.qualifiedRuns() + " SET checkpoint = ?,"
                + " updated_at = clock_timestamp() WHERE run_id = ?")) {
            s.setString(1, lastKey);
            s.setString(2, runId);
            s.executeUpdate();
        }
    }

    public Optional<String> checkpoint(String runId) throws SQLException {
        return text("SELECT checkpoint FROM " + at.qualifiedRuns() + " WHERE run_id = ?", runId);
    }

    private Optional<String> text(String sql, String parameter) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The columns of a {@link RunRow}. History reads an older journal without upgrading it (a read-only user may
     * look), so one from before the plan hash reads as having none.
     */
    private String selectRuns() throws SQLException {
        if (planHashColumn == null) {
            planHashColumn = !at.legacy() || hasColumn(connection, at, PLAN_HASH);
        }
        return "SELECT run_id, plan, kind, state, step, owner, started_at, updated_at, message, "
                + (planHashColumn ? PLAN_HASH : "NULL::text") + " FROM " + at.qualifiedRuns();
    }

    /** Read from the catalog (no lock on the table): whether the journal's runs table has {@code column}. */
    static boolean hasColumn(Connection connection, JournalTables at, String column) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND a.attname = ? AND NOT a.attisdropped)")) {
            s.setString(1, at.schema());
            s.setString(2, at.runs());
            s.setString(3, column);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
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
