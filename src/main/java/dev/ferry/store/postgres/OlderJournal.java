package dev.ferry.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A journal an older version of Ferry kept in a plan's schema ({@code ferry_pg_runs}, {@code ferry_pg_batches},
 * {@code ferry_pg_tables}, keyed by bare table name), moved into schema {@code ferry} in one transaction: its runs
 * keep their ids, steps, layouts, hashes and verdicts, so a stopped run resumes and a converted one rolls back. Each
 * table row gets its schema from the run's recorded layout (the plan's schema when the layout does not name it).
 */
final class OlderJournal {

    private final Connection connection;
    private final JournalTables from;

    OlderJournal(Connection connection, String schema) {
        this.connection = connection;
        this.from = JournalTables.legacy(schema);
    }

    void moveInto(JournalTables to) throws SQLException {
        if (!FerrySchema.exists(connection, from.schema(), from.runs())) {
            return;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            String hash = column(PostgresJournal.PLAN_HASH);
            String verdicts = Arrays.stream(PostgresRunVerdicts.COLUMNS).map(c -> c.substring(0, c.indexOf(' ')))
                    .collect(Collectors.joining(", "));
            String oldVerdicts = Arrays.stream(PostgresRunVerdicts.COLUMNS).map(this::columnOrNull)
                    .collect(Collectors.joining(", "));
            s.execute("INSERT INTO " + to.qualifiedRuns() + " (run_id, plan, kind, state, step, owner, started_at,"
                    + " updated_at, message, layout, checkpoint, " + PostgresJournal.PLAN_HASH + ", " + verdicts + ")"
                    + " SELECT run_id, plan, kind, state, step, owner, started_at, updated_at, message, layout,"
                    + " checkpoint, " + hash + ", " + oldVerdicts + " FROM " + from.qualifiedRuns()
                    + " ON CONFLICT (run_id) DO NOTHING");
            if (FerrySchema.exists(connection, from.schema(), from.batches())) {
                s.execute("INSERT INTO " + to.qualifiedBatches() + " (run_id, schema_name, table_name, batch, rows,"
                        + " done_at) SELECT o.run_id, " + schemaOf() + ", o.table_name, o.batch, o.rows, o.done_at FROM "
                        + from.qualifiedBatches() + " o ON CONFLICT DO NOTHING");
                s.execute("DROP TABLE " + from.qualifiedBatches());
            }
            if (FerrySchema.exists(connection, from.schema(), from.tables())) {
                s.execute("INSERT INTO " + to.qualifiedTables() + " (run_id, schema_name, table_name, pages_per_batch,"
                        + " batches, rows_before) SELECT o.run_id, " + schemaOf() + ", o.table_name, o.pages_per_batch,"
                        + " o.batches, o.rows_before FROM " + from.qualifiedTables() + " o ON CONFLICT DO NOTHING");
                s.execute("DROP TABLE " + from.qualifiedTables());
            }
            s.execute("DROP TABLE " + from.qualifiedRuns());
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw FerrySchema.explained(connection, e);
        } catch (RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The schema of the old row's table, from its run's layout; the plan's schema when that says nothing. */
    private String schemaOf() {
        return "coalesce((SELECT x -> 'table' ->> 'schema' FROM " + from.qualifiedRuns() + " r,"
                + " jsonb_array_elements(CASE WHEN r.layout LIKE '{%' THEN r.layout::jsonb -> 'tables' END) x"
                + " WHERE r.run_id = o.run_id AND x -> 'table' ->> 'name' = o.table_name LIMIT 1), '"
                + from.schema().replace("'", "''") + "')";
    }

    private String column(String name) throws SQLException {
        return PostgresJournal.hasColumn(connection, from, name) ? name : "NULL";
    }

    /** {@code "validated_at timestamptz"} → the old column, or a NULL of its type when the old journal lacks it. */
    private String columnOrNull(String definition) {
        String name = definition.substring(0, definition.indexOf(' '));
        try {
            return PostgresJournal.hasColumn(connection, from, name) ? name
                    : "NULL::" + definition.substring(definition.indexOf(' ') + 1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
