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
    private final PostgresTable.Column key;
    private final List<PostgresTable.Column> written;
    private final Function<Object, String> keyText;
    private final Function<List<Object>, String> keyArray;

    PostgresStoredRows(Connection connection, PostgresTable table, List<PostgresTable.Column> written,
                       Function<Object, String> keyText, Function<List<Object>, String> keyArray) {
        this.connection = connection;
        this.table = table;
        this.key = written.get(0);
        this.written = List.copyOf(written);
        this.keyText = keyText;
        this.keyArray = keyArray;
    }

    /** The stored rows with these ids, by id identity ({@code _id}: the key's text). */
    Map<Object, Document> read(List<Object> ids) throws SQLException {
        Map<Object, Document> found = new LinkedHashMap<>();
        Map<String, Object> byText = new HashMap<>();
        ids.forEach(id -> byText.put(keyText.apply(id), id));
        try (PreparedStatement st = connection.prepareStatement("SELECT " + written.stream()
                .map(c -> "CAST(t." + SqlNames.quote(c.name()) + " AS text)").collect(Collectors.joining(", "))
                + ", CAST(CAST(CAST(t." + SqlNames.quote(key.name()) + " AS text) AS " + key.type() + ") AS text) FROM "
                + table.qualified() + " AS t WHERE t." + SqlNames.quote(key.name()) + " = ANY (CAST(CAST(? AS text) AS "
                + key.type() + "[]))")) {
            st.setString(1, keyArray.apply(ids));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Document row = texts(rs);
                    Object id = byText.get(rs.getString(written.size() + 1));
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

    private Document texts(ResultSet rs) throws SQLException {
        Document row = new Document();
        for (int c = 0; c < written.size(); c++) {
            row.put(c == 0 ? "_id" : written.get(c).name(), rs.getString(c + 1));
        }
        return row;
    }
}
