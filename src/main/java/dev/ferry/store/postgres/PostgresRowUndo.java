package dev.ferry.store.postgres;

import dev.ferry.FerryException;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.TargetWriter.Undone;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;

import static dev.ferry.store.postgres.RowSql.cast;
import static dev.ferry.store.postgres.RowSql.casts;
import static dev.ferry.store.postgres.RowSql.hash32;
import static dev.ferry.store.postgres.RowSql.names;

/**
 * Undoes one batch's writes to a table, inside the caller's transaction: deletes each inserted row whose hash still
 * matches what the run wrote (a row changed since is kept and counted), and puts updated rows back from their text
 * pre-images, column for column, so the table ends byte-identical to before.
 */
final class PostgresRowUndo {

    private final Connection connection;
    private final PostgresTable table;
    private final PostgresRowKey key;
    private final Function<Object, List<String>> keyTexts;

    PostgresRowUndo(Connection connection, PostgresTable table, PostgresRowKey key,
                    Function<Object, List<String>> keyTexts) {
        this.connection = connection;
        this.table = table;
        this.key = key;
        this.keyTexts = keyTexts;
    }

    Undone undo(List<Object> inserted, List<Integer> insertedHashes, List<Object> replaced,
                Map<Object, Document> preImages) throws SQLException {
        long deleted = 0;
        long kept = 0;
        if (!inserted.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table.qualified()
                    + " AS t WHERE " + key.matchesOne("t") + " AND " + hash32("t") + " = ?");
                 PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM " + table.qualified()
                         + " AS t WHERE " + key.matchesOne("t"))) {
                int n = key.columns().size();
                for (int i = 0; i < inserted.size(); i++) {
                    List<String> k = keyTexts.apply(inserted.get(i));
                    if (i >= insertedHashes.size()) {
                        continue; // no hash: the write never committed (the hash is saved before the commit)
                    }
                    for (int c = 0; c < n; c++) {
                        delete.setString(c + 1, k.get(c));
                        exists.setString(c + 1, k.get(c));
                    }
                    delete.setInt(n + 1, insertedHashes.get(i));
                    if (delete.executeUpdate() == 1) {
                        deleted++;
                        continue;
                    }
                    try (ResultSet rs = exists.executeQuery()) {
                        kept += rs.next() ? 1 : 0; // changed since the run wrote it: someone else's now
                    }
                }
            }
        }
        for (Object id : replaced) {
            Document pre = preImages.get(SourceKeys.identity(id));
            if (pre == null) {
                throw new FerryException("The undo log has no pre-image for " + SourceKeys.render(id) + " in "
                        + table.qualified() + "; the undo stopped before changing it. Restore that row from a"
                        + " backup, then run the rollback again.");
            }
            restore(pre);
        }
        return new Undone(deleted, replaced.size(), kept);
    }

    /** Puts a row back exactly as its pre-image's text says: an update, or an insert if it was deleted since. */
    private void restore(Document pre) throws SQLException {
        List<PostgresTable.Column> settable = table.columns().stream()
                .filter(c -> !c.generated() && !c.identityAlways() && !key.isKey(c)).toList();
        if (!settable.isEmpty()) {
            String set = settable.stream().map(c -> SqlNames.quote(c.name()) + " = " + cast(c))
                    .collect(Collectors.joining(", "));
            try (PreparedStatement st = connection.prepareStatement("UPDATE " + table.qualified() + " AS t SET " + set
                    + " WHERE " + key.matchesOne("t"))) {
                int i = 1;
                for (PostgresTable.Column c : settable) {
                    st.setString(i++, pre.getString(c.name()));
                }
                for (PostgresTable.Column c : key.columns()) {
                    st.setString(i++, pre.getString(c.name()));
                }
                if (st.executeUpdate() == 1) {
                    return;
                }
            }
        }
        List<PostgresTable.Column> insertable = table.columns().stream().filter(c -> !c.generated()).toList();
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO " + table.qualified() + " ("
                + names(insertable) + ") OVERRIDING SYSTEM VALUE VALUES (" + casts(insertable) + ")")) {
            int i = 1;
            for (PostgresTable.Column c : insertable) {
                st.setString(i++, pre.getString(c.name()));
            }
            st.executeUpdate();
        }
    }
}
