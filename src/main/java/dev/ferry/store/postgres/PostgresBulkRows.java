package dev.ferry.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.ferry.store.postgres.RowSql.hash32;
import static dev.ferry.store.postgres.RowSql.names;

/**
 * Writes many rows of one table in one statement each way: every column's values go as one text array, unnested
 * and cast by the server, so a batch of 1,000 rows is one round trip, not 1,000. Each statement gives back, for every
 * row it wrote, the row's position in the batch and its hash as stored (matched by the key, compared by the server
 * in the key's own type).
 */
final class PostgresBulkRows {
    private final Connection connection;
    private final PostgresTable table;
    /** The key's columns, then the plan's fields: the order of every row's values. */
    private final List<PostgresTable.Column> written;
    /** How many of {@link #written} are the key's. */
    private final int keys;
    private final String insertSql;
    private final String updateSql;

    PostgresBulkRows(Connection connection, PostgresTable table, List<PostgresTable.Column> written, int keys) {
        this.connection = connection;
        this.table = table;
        this.written = List.copyOf(written);
        this.keys = keys;
        this.insertSql = insertSql();
        this.updateSql = updateSql();
    }

    /**
     * Inserts the rows whose keys are free ({@code ON CONFLICT DO NOTHING}: a key another writer took is left out).
     *
     * @return the hash of each row inserted, by its position in {@code rows}
     */
    Map<Integer, Integer> insert(List<List<String>> rows) throws SQLException {
        return rows.isEmpty() ? Map.of() : run(insertSql, rows);
    }

    /** Updates the rows with these keys (locked by the caller). @return the hash of each row as now stored, by position */
    Map<Integer, Integer> update(List<List<String>> rows) throws SQLException {
        return rows.isEmpty() ? Map.of() : run(updateSql, rows);
    }

    private Map<Integer, Integer> run(String sql, List<List<String>> rows) throws SQLException {
        Map<Integer, Integer> hashes = new HashMap<>(rows.size() * 2);
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int c = 0; c < written.size(); c++) {
                String[] column = new String[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    column[r] = rows.get(r).get(c);
                }
                Array array = connection.createArrayOf("text", column);
                st.setArray(c + 1, array);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    hashes.put(rs.getInt(1) - 1, rs.getInt(2));
                }
            }
        }
        return hashes;
    }

    /** The batch as a relation {@code v(c1 … cn, n)}: one text column per written column, and each row's position. */
    private String values() {
        String arrays = IntStream.range(0, written.size()).mapToObj(i -> "CAST(? AS text[])")
                .collect(Collectors.joining(", "));
        String columns = IntStream.range(0, written.size()).mapToObj(i -> "c" + i).collect(Collectors.joining(", "));
        return "v AS (SELECT * FROM unnest(" + arrays + ") WITH ORDINALITY AS u(" + columns + ", n))";
    }

    private String cast(int i) {
        return "CAST(v.c" + i + " AS " + written.get(i).type() + ")";
    }

    private String key(int i) {
        return SqlNames.quote(written.get(i).name());
    }

    /** The key's columns, for the conflict target. */
    private String keyNames() {
        return IntStream.range(0, keys).mapToObj(this::key).collect(Collectors.joining(", "));
    }

    /** {@code t.k0 AS k0, …}: what a statement returns to tell which row it wrote. */
    private String returning() {
        return IntStream.range(0, keys).mapToObj(i -> "t." + key(i) + " AS k" + i).collect(Collectors.joining(", "));
    }

    /** Joins a returned row to its values by every key column, compared in the column's own type. */
    private String joined() {
        return IntStream.range(0, keys).mapToObj(i -> "w.k" + i + " = " + cast(i)).collect(Collectors.joining(" AND "));
    }

    private String insertSql() {
        String casts = IntStream.range(0, written.size()).mapToObj(this::cast).collect(Collectors.joining(", "));
        return "WITH " + values() + ", w AS (INSERT INTO " + table.qualified() + " AS t (" + names(written)
                + ") SELECT " + casts + " FROM v ORDER BY v.n ON CONFLICT (" + keyNames() + ") DO NOTHING RETURNING "
                + returning() + ", " + hash32("t") + " AS h) SELECT v.n, w.h FROM w JOIN v ON " + joined();
    }

    private String updateSql() {
        String set = written.size() == keys ? key(0) + " = t." + key(0)
                : IntStream.range(keys, written.size()).mapToObj(i -> key(i) + " = " + cast(i))
                .collect(Collectors.joining(", "));
        String where = IntStream.range(0, keys).mapToObj(i -> "t." + key(i) + " = " + cast(i))
                .collect(Collectors.joining(" AND "));
        return "WITH " + values() + ", w AS (UPDATE " + table.qualified() + " AS t SET " + set + " FROM v WHERE "
                + where + " RETURNING " + returning() + ", " + hash32("t") + " AS h)"
                + " SELECT v.n, w.h FROM w JOIN v ON " + joined();
    }
}
