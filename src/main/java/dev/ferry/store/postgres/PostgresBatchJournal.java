package dev.ferry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The part of a PostgreSQL operation journal that follows tables: every batch a run committed, and how the run counted
 * and cut each table into batches (with the table's definition kept at the swap), keyed by run, schema and table.
 */
public final class PostgresBatchJournal {

    private final Connection connection;
    private final JournalTables at;

    PostgresBatchJournal(Connection connection, JournalTables at) {
        this.connection = connection;
        this.at = at;
    }

    /** Records a committed batch of table {@code schema.table}; call inside the batch's transaction. */
    public void batchDone(Connection c, String runId, String schema, String table, int batch, long rows)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + at.qualifiedBatches()
                + " (run_id, schema_name, table_name, batch, rows) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, runId);
            s.setString(2, schema);
            s.setString(3, table);
            s.setInt(4, batch);
            s.setLong(5, rows);
            s.executeUpdate();
        }
    }

    /** Batches of the table already committed by the run. */
    public Set<Integer> doneBatches(String runId, String schema, String table) throws SQLException {
        Set<Integer> done = new HashSet<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT batch FROM " + at.qualifiedBatches()
                + " WHERE run_id = ? AND schema_name = ? AND table_name = ?")) {
            s.setString(1, runId);
            s.setString(2, schema);
            s.setString(3, table);
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
        return sum("SELECT coalesce(sum(rows), 0) FROM " + at.qualifiedBatches() + " WHERE run_id = ?", runId);
    }

    /** Rows the run has committed so far into one table's shadow. */
    public long rowsDone(String runId, String schema, String table) throws SQLException {
        return sum("SELECT coalesce(sum(rows), 0) FROM " + at.qualifiedBatches() + " WHERE run_id = ?"
                + " AND schema_name = ? AND table_name = ?", runId, schema, table);
    }

    /** Batches the run has committed so far, over all tables. */
    public long batchesDone(String runId) throws SQLException {
        return sum("SELECT count(*) FROM " + at.qualifiedBatches() + " WHERE run_id = ?", runId);
    }

    public void forgetBatches(Connection c, String runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + at.qualifiedBatches() + " WHERE run_id = ?")) {
            s.setString(1, runId);
            s.executeUpdate();
        }
    }

    /** How a table is cut into batches for the run, fixed when the run starts so a resumed run cuts it alike. */
    public void planTable(Connection c, String runId, String schema, String table, int pagesPerBatch, int batches,
                          long rowsBefore) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + at.qualifiedTables() + " (run_id, schema_name,"
                + " table_name, pages_per_batch, batches, rows_before) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, runId);
            s.setString(2, schema);
            s.setString(3, table);
            s.setInt(4, pagesPerBatch);
            s.setInt(5, batches);
            s.setLong(6, rowsBefore);
            s.executeUpdate();
        }
    }

    /** {pages per batch, batches, rows before} for the run's table, or empty. */
    public Optional<long[]> tablePlan(String runId, String schema, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pages_per_batch, batches, rows_before FROM "
                + at.qualifiedTables() + " WHERE run_id = ? AND schema_name = ? AND table_name = ?")) {
            s.setString(1, runId);
            s.setString(2, schema);
            s.setString(3, table);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new long[] {r.getLong(1), r.getLong(2), r.getLong(3)}) : Optional.empty();
            }
        }
    }

    /** Keeps the table's definition as it was just before the swap, in the swap's own transaction. */
    public void saveDefinition(Connection c, String runId, String schema, String table, String definition)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + at.qualifiedTables() + " SET definition = ?"
                + " WHERE run_id = ? AND schema_name = ? AND table_name = ?")) {
            s.setString(1, definition);
            s.setString(2, runId);
            s.setString(3, schema);
            s.setString(4, table);
            s.executeUpdate();
        }
    }

    /** The definition kept at the swap; empty before it, or for runs of a version that kept none. */
    public Optional<String> definition(String runId, String schema, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT definition FROM " + at.qualifiedTables()
                + " WHERE run_id = ? AND schema_name = ? AND table_name = ?")) {
            s.setString(1, runId);
            s.setString(2, schema);
            s.setString(3, table);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** The rows the run's tables held when it counted them (0 when it has not counted yet). */
    public long rowsBefore(String runId) throws SQLException {
        return sum("SELECT coalesce(sum(rows_before), 0) FROM " + at.qualifiedTables() + " WHERE run_id = ?", runId);
    }

    /** Forgets how the run's tables were counted and cut, before they are counted again. */
    public void forgetTables(Connection c, String runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + at.qualifiedTables() + " WHERE run_id = ?")) {
            s.setString(1, runId);
            s.executeUpdate();
        }
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
}
