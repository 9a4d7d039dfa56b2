package dev.ferry.store.postgres;

import dev.ferry.store.SourceKeys;
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
    private final PostgresTable.Column key;
    private final Function<List<Object>, String> keyArray;

    /** @param keyArray the keys as one array literal of the key's type */
    PostgresRowImages(Connection connection, PostgresTable table, Function<List<Object>, String> keyArray) {
        this.connection = connection;
        this.table = table;
        this.key = table.primaryKey();
        this.keyArray = keyArray;
    }

    /** The rows with these keys, locked until the batch commits, by key identity. */
    Map<Object, Row> lock(List<Object> ids) throws SQLException {
        Map<Object, Row> rows = new HashMap<>();
        String texts = table.columns().stream().map(c -> "CAST(t." + SqlNames.quote(c.name()) + " AS text)")
                .collect(Collectors.joining(", "));
        try (PreparedStatement st = connection.prepareStatement("SELECT t." + SqlNames.quote(key.name()) + ", "
                + hash32("t") + ", " + texts + " FROM " + table.qualified() + " AS t WHERE t."
                + SqlNames.quote(key.name()) + " = ANY (CAST(CAST(? AS text) AS " + key.type() + "[])) FOR UPDATE")) {
            st.setString(1, keyArray.apply(ids));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Document image = new Document();
                    for (int c = 0; c < table.columns().size(); c++) {
                        image.put(table.columns().get(c).name(), rs.getString(c + 3));
                    }
                    Object id = BsonFromPostgres.value(rs.getObject(1), key.typname());
                    rows.put(SourceKeys.identity(id), new Row(rs.getInt(2), image));
                }
            }
        }
        return rows;
    }
}
