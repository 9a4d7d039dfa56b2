package dev.ferry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code migration_log} table that runbook 002's monitoring queries read: one row per operation with operation,
 * status (running, completed, failed), started_at, completed_at and a message. Messages never hold a URL or password.
 * Each row keeps the server process that wrote it: a row still "running" whose process is gone reads as interrupted.
 */
public final class MigrationLogTable {

    public static final String TABLE = "migration_log";

    private final Connection connection;
    private final String schema;

    public MigrationLogTable(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
    }

    /**
     * Creates the table, or adds the column a later release added, only when missing: both need rights (to create in
     * the schema, to own the table) that another role writing an existing log does not have.
     */
    public void create() throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (!FerrySchema.exists(connection, schema, TABLE)) {
                s.execute("CREATE TABLE IF NOT EXISTS " + SqlNames.qualified(schema, TABLE) + " (id bigserial PRIMARY"
                        + " KEY, operation text NOT NULL, status text NOT NULL, started_at timestamptz NOT NULL DEFAULT"
                        + " now(), completed_at timestamptz, message text, run_id text, plan text, backend_pid integer)");
            } else if (!hasBackendPid()) {
                s.execute("ALTER TABLE " + SqlNames.qualified(schema, TABLE) + " ADD COLUMN IF NOT EXISTS backend_pid"
                        + " integer");
            }
        }
    }

    private boolean hasBackendPid() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_attribute a JOIN"
                + " pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?"
                + " AND c.relname = ? AND a.attname = 'backend_pid' AND NOT a.attisdropped)")) {
            s.setString(1, schema);
            s.setString(2, TABLE);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /** Records the start of an operation; returns the row's id for {@link #finish}. */
    public long start(String operation, String plan, String runId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + SqlNames.qualified(schema, TABLE)
                + " (operation, status, plan, run_id, backend_pid) VALUES (?, 'running', ?, ?, pg_backend_pid())"
                + " RETURNING id")) {
            s.setString(1, operation);
            s.setString(2, plan);
            s.setString(3, runId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** {@code status}: completed, failed or paused. */
    public void finish(long id, String status, String message) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE " + SqlNames.qualified(schema, TABLE)
                + " SET status = ?, completed_at = clock_timestamp(), message = ? WHERE id = ?")) {
            s.setString(1, status);
            s.setString(2, message);
            s.setLong(3, id);
            s.executeUpdate();
        }
    }

    /** The newest entries first; "interrupted" for a row left running by a process that is gone. */
    public List<Entry> recent(int limit) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT operation, CASE WHEN status = 'running' AND NOT"
                + " EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = m.backend_pid AND a.backend_start <="
                + " m.started_at) THEN 'interrupted' ELSE status END, started_at, completed_at, message, run_id FROM "
                + SqlNames.qualified(schema, TABLE) + " m ORDER BY started_at DESC, id DESC LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entries.add(new Entry(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(),
                            r.getTimestamp(4) == null ? null : r.getTimestamp(4).toInstant(), r.getString(5),
                            r.getString(6)));
                }
            }
        }
        return entries;
    }

    /** One row of the log. */
    public record Entry(String operation, String status, Instant startedAt, Instant completedAt, String message,
                        String runId) { }
}
