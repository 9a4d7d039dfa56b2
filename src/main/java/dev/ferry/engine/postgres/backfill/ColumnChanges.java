package dev.ferry.engine.postgres.backfill;

import dev.ferry.engine.postgres.ConversionRefused;

import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.store.postgres.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runbook 003's schema change and its down: add the plan's columns (nullable, so no table rewrite) and build its
 * indexes CONCURRENTLY (the table stays writable); down drops the indexes, then the columns. Both skip what is
 * already done, so either can be run again after a failure.
 */
final class ColumnChanges {

    private final Connection connection;
    private final ColumnBackfillPlan plan;

    ColumnChanges(Connection connection, ColumnBackfillPlan plan) {
        this.connection = connection;
        this.plan = plan;
    }

    BackfillReport up() throws SQLException {
        Instant t0 = Instant.now();
        List<String> lines = new ArrayList<>();
        String table = SqlNames.qualified(plan.schema(), plan.table());
        for (ColumnBackfillPlan.NewColumn c : plan.addColumns()) {
            String type = checkedType(c.type());
            execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + SqlNames.quote(c.name()) + " " + type);
            lines.add("column " + c.name() + " " + type);
        }
        for (ColumnBackfillPlan.NewIndex i : plan.indexes()) {
            dropIfInvalid(i.name());
            execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + SqlNames.quote(i.name()) + " ON " + table + " ("
                    + i.columns().stream().map(SqlNames::quote).collect(Collectors.joining(", ")) + ")");
            lines.add("index " + i.name() + " on " + i.columns());
        }
        return new BackfillReport(plan.name(), "up", true, 0, 0, Duration.between(t0, Instant.now()), lines);
    }

    BackfillReport down() throws SQLException {
        Instant t0 = Instant.now();
        List<String> lines = new ArrayList<>();
        String table = SqlNames.qualified(plan.schema(), plan.table());
        for (ColumnBackfillPlan.NewIndex i : reversed(plan.indexes())) {
            execute("DROP INDEX CONCURRENTLY IF EXISTS " + SqlNames.qualified(plan.schema(), i.name()));
            lines.add("dropped index " + i.name());
        }
        for (ColumnBackfillPlan.NewColumn c : reversed(plan.addColumns())) {
            execute("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + SqlNames.quote(c.name()));
            lines.add("dropped column " + c.name());
        }
        return new BackfillReport(plan.name(), "down", true, 0, 0, Duration.between(t0, Instant.now()), lines);
    }

    /** The type as the server's catalog spells it; a name it does not know is refused before any change. */
    private String checkedType(String type) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT format_type(?::regtype, NULL)")) {
            s.setString(1, type);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        } catch (SQLException e) {
            throw new ConversionRefused("Plan " + plan.name() + ": '" + type + "' is not a type this server knows ("
                    + e.getMessage() + "). Fix add_columns in " + plan.file() + ".");
        }
    }

    /** A CONCURRENTLY build that failed leaves an INVALID index behind; IF NOT EXISTS would keep it. */
    private void dropIfInvalid(String index) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT NOT i.indisvalid FROM pg_index i JOIN pg_class c"
                + " ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            s.setString(1, plan.schema());
            s.setString(2, index);
            try (ResultSet r = s.executeQuery()) {
                if (r.next() && r.getBoolean(1)) {
                    execute("DROP INDEX CONCURRENTLY " + SqlNames.qualified(plan.schema(), index));
                }
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static <T> List<T> reversed(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
