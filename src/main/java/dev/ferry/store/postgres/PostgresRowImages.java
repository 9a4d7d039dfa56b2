package dev.ferry.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;

import static dev.ferry.store.postgres.RowSql.hash32;

/**
 * The rows a batch is about to change, as they are: locked until the batch commits ({@code FOR UPDATE}), each with
 * its hash as stored and its pre-image (every column's text), which the undo entry keeps.
 */
final class PostgresRowImages {

    /** A row as it was: its hash as stored, and its pre-image (every column's text, null for NULL). */
    record Row(int hash, Document image) { }

    private final Connection connection;
    private final PostgresTable table;
    private final PostgresRowKey key;
    private final Function<Object, List<String>> keyTexts;

    /** @param keyTexts an id's key values as text, one per key column */
    PostgresRowImages(Connection connection, PostgresTable table, PostgresRowKey key,
                      Function<Object, List<String>> keyTexts) {
        this.connection = connection;
        this.table = table;
        this.key = key;
        this.keyTexts = keyTexts;
    }

    /** The rows with these keys, locked until the batch commits, by {@link PostgresRowKey#identity}. */
    Map<Object, Row> lock(List<Object> ids) throws SQLException {
        Map<Object, Row> rows = new HashMap<>();
        String texts = table.columns().stream().map(c -> "CAST(t." + SqlNames.quote(c.name()) + " AS text)")
                .collect(Collectors.joining(", "));
        int n = key.columns().size();
        try (PreparedStatement st = connection.prepareStatement("SELECT " + key.select("t") + ", " + hash32("t")
                + ", " + texts + " FROM " + table.qualified() + " AS t WHERE " + key.matchesAny("t") + " FOR UPDATE")) {
            List<String> arrays = key.arrays(ids.stream().map(keyTexts).toList());
            for (int i = 0; i < arrays.size(); i++) {
                st.setString(i + 1, arrays.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Document image = new Document();
                    for (int c = 0; c < table.columns().size(); c++) {
                        image.put(table.columns().get(c).name(), rs.getString(c + n + 2));
                    }
                    rows.put(key.identity(key.read(rs, 1)), new Row(rs.getInt(n + 1), image));
                }
            }
        }
        return rows;
    }
}
