package dev.ferry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Catalog reads with {@code search_path} set to pg_catalog, so that expressions print every table schema-qualified:
 * in the caller's transaction, or in one of their own when the connection auto-commits.
 */
final class CatalogReads {

    interface Read<T> {
        T run() throws SQLException;
    }

    interface Row<T> {
        T map(ResultSet r) throws SQLException;
    }

    private CatalogReads() {
    }

    static <T> T qualified(Connection connection, Read<T> read) throws SQLException {
        boolean own = connection.getAutoCommit();
        if (own) {
            connection.setAutoCommit(false);
        }
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL search_path = pg_catalog");
            }
            T result = read.run();
            if (own) {
                connection.commit();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            if (own) {
                connection.rollback();
            }
            throw e;
        } finally {
            if (own) {
                connection.setAutoCommit(true);
            }
        }
    }

    /** The rows of {@code sql}, which takes the table's oid as its only parameter. */
    static <T> List<T> list(Connection connection, String sql, long oid, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, oid);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(row.map(r));
                }
            }
        }
        return out;
    }

    static List<String> strings(ResultSet r, int column) throws SQLException {
        java.sql.Array a = r.getArray(column);
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
