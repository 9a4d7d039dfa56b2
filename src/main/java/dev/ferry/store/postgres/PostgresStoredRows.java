package dev.ferry.store.postgres;

import dev.ferry.store.SourceKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;

import static dev.ferry.store.postgres.RowSql.cast;

/**
 * Rows of a target table in the form validation compares: the text of each written column as the server gives it
 * back, for rows stored and for mapped documents put through the columns' types.
 */
final class PostgresStoredRows {
    private final Connection connection;
    private final PostgresTable table;
    private final PostgresRowKey key;
    private final List<PostgresTable.Column> written;
    private final Function<Object, List<String>> keyTexts;

    /** @param written the key's columns, then the fields' */
    PostgresStoredRows(Connection connection, PostgresTable table, List<PostgresTable.Column> written,
                       PostgresRowKey key, Function<Object, List<String>> keyTexts) {
        this.connection = connection;
        this.table = table;
        this.key = key;
        this.written = List.copyOf(written);
        this.keyTexts = keyTexts;
    }

    /** The stored rows with these ids, by {@link SourceKeys#identity} of the id asked for ({@code _id}: the key's text). */
    Map<Object, Document> read(List<Object> ids) throws SQLException {
        Map<Object, Document> found = new LinkedHashMap<>();
        Map<List<String>, Object> byText = new HashMap<>();
        List<List<String>> texts = new java.util.ArrayList<>(ids.size());
        ids.forEach(id -> {
            List<String> t = keyTexts.apply(id);
            texts.add(t);
            byText.put(t, id);
        });
        int n = key.columns().size();
        try (PreparedStatement st = connection.prepareStatement("SELECT " + written.stream()
                .map(c -> "CAST(t." + SqlNames.quote(c.name()) + " AS text)").collect(Collectors.joining(", "))
                + " FROM " + table.qualified() + " AS t WHERE " + key.matchesAny("t"))) {
            List<String> arrays = key.arrays(texts);
            for (int i = 0; i < arrays.size(); i++) {
                st.setString(i + 1, arrays.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Document row = texts(rs);
                    List<String> keyText = new java.util.ArrayList<>(n);
                    for (int c = 0; c < n; c++) {
                        keyText.add(rs.getString(c + 1));
                    }
                    Object id = byText.get(keyText);
                    found.put(SourceKeys.identity(id == null ? row.get("_id") : id), row);
                }
            }
        }
        return found;
    }

    /** A row's values (the key's, then the fields', as text) through the columns' types and back, by the server. */
    Document asStored(List<String> values) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT " + written.stream()
                .map(c -> "CAST(" + cast(c) + " AS text)").collect(Collectors.joining(", ")))) {
            for (int i = 0; i < values.size(); i++) {
                st.setString(i + 1, values.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return texts(rs);
            }
        }
    }

    /** A row as text: {@code _id} the key's text (a document of the key columns' texts for several), then fields. */
    private Document texts(ResultSet rs) throws SQLException {
        Document row = new Document();
        int n = key.columns().size();
        if (n == 1) {
            row.put("_id", rs.getString(1));
        } else {
            Document id = new Document();
            for (int c = 0; c < n; c++) {
                id.put(written.get(c).name(), rs.getString(c + 1));
            }
            row.put("_id", id);
        }
        for (int c = n; c < written.size(); c++) {
            row.put(written.get(c).name(), rs.getString(c + 1));
        }
        return row;
    }
}
