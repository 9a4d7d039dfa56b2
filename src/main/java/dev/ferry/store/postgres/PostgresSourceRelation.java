package dev.ferry.store.postgres;

import dev.ferry.FerryException;
import dev.ferry.plan.SourceSpec;
import dev.ferry.store.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a PostgreSQL source reads: a table, a view, or a query, as the SQL to select from ({@code "s"."t"} or
 * {@code (SELECT …)}), the columns it gives with their types, and whether its key is unique by a constraint (only a
 * table's can be; a view's or a query's is checked by reading).
 */
record PostgresSourceRelation(String name, String from, List<PostgresTable.Column> columns, boolean keyUnique,
                              String what) {

    static PostgresSourceRelation of(Connection connection, SourceSpec spec) {
        if (!spec.isQuery()) {
            PostgresTable table = PostgresTable.read(connection, spec.collection(), true);
            RowSecurity.refuseHiddenSourceRows(connection, table);
            return new PostgresSourceRelation(spec.collection(), table.qualified(), table.columns(),
                    table.uniqueByConstraint(spec.key()), "source " + table.qualified());
        }
        String from = "(" + spec.query() + ")";
        String what = "source query" + ("query".equals(spec.collection()) ? "" : " " + spec.collection());
        List<PostgresTable.Column> columns = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT * FROM " + from + " AS q LIMIT 0");
             ResultSet rs = st.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            Set<String> seen = new HashSet<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String name = md.getColumnLabel(i);
                if (!seen.add(name)) {
                    throw new FerryException("The " + what + " gives two columns named "
                            + SqlNames.quote(name) + "; name them apart (AS …) in the query.");
                }
                String typname = md.getColumnTypeName(i);
                String element = typname.startsWith("_") ? typname.substring(1) : null;
                columns.add(new PostgresTable.Column(name, typname, typname, element, false, false, false, -1));
            }
        } catch (SQLException e) {
            throw new FerryException("The " + what + " does not run: "
                    + Secrets.redact(e.getMessage()) + ". Fix the query in the plan (try it in psql).", e);
        }
        return new PostgresSourceRelation(spec.collection(), from, columns, false, what);
    }

    Optional<PostgresTable.Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    String columnNames() {
        return String.join(", ", columns.stream().map(PostgresTable.Column::name).toList());
    }
}
