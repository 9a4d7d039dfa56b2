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
    /** The key, then the plan's fields: the order of every row's values. */
    private final List<PostgresTable.Column> written;
    private final String insertSql;
    private final String updateSql;

    PostgresBulkRows(Connection connection, PostgresTable table, List<PostgresTable.Column> written) {
        this.connection = connection;
        this.table = table;
        this.written = List.copyOf(written);
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

    private String key() {
        return SqlNames.quote(written.get(0).name());
    }

    private String insertSql() {
        String casts = IntStream.range(0, written.size()).mapToObj(this::cast).collect(Collectors.joining(", "));
        return "WITH " + values() + ", w AS (INSERT INTO " + table.qualified() + " AS t (" + names(written)
                + ") SELECT " + casts + " FROM v ORDER BY v.n ON CONFLICT (" + key() + ") DO NOTHING RETURNING t."
                + key() + " AS k, " + hash32("t") + " AS h) SELECT v.n, w.h FROM w JOIN v ON w.k = " + cast(0);
    }

    private String updateSql() {
        String set = written.size() == 1 ? key() + " = t." + key()
                : IntStream.range(1, written.size()).mapToObj(i -> SqlNames.quote(written.get(i).name()) + " = " + cast(i))
                .collect(Collectors.joining(", "));
        return "WITH " + values() + ", w AS (UPDATE " + table.qualified() + " AS t SET " + set + " FROM v WHERE t."
                + key() + " = " + cast(0) + " RETURNING t." + key() + " AS k, " + hash32("t") + " AS h)"
                + " SELECT v.n, w.h FROM w JOIN v ON w.k = " + cast(0);
    }
}
