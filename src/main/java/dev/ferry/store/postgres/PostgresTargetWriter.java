package dev.ferry.store.postgres;

import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.TargetWriter;
import dev.ferry.store.DocumentChecksum;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.ferry.store.postgres.RowSql.cast;
import static dev.ferry.store.postgres.RowSql.casts;
import static dev.ferry.store.postgres.RowSql.hash32;
import static dev.ferry.store.postgres.RowSql.names;
import org.bson.Document;

/**
 * Writes batches of documents to one PostgreSQL table: the {@code _id} goes to the primary key, each field the
 * plan maps to the column of that name ({@link BsonToPostgres}). A batch is one transaction: the rows are locked
 * and their pre-images read ({@code FOR UPDATE}), the rows written (insert on new keys, update on existing ones,
 * {@code ON CONFLICT DO NOTHING} catching a key another writer took meanwhile), then the undo entry is saved — with
 * the inserted rows' hashes as stored and the pre-images as text — and only then is the transaction committed. So
 * nothing of a batch is visible without its undo, and a crash before the commit leaves the table untouched.
 */
public final class PostgresTargetWriter implements TargetWriter {

    private final Connection connection;
    private final PostgresTable table;
    private final PostgresTable.Column key;
    /** The columns a document is written to: the key, then the plan's fields in order. */
    private final List<PostgresTable.Column> written;
    private final String name;

    /** @param fields the top-level fields the plan maps into this table (each names a column); the key excluded */
    public PostgresTargetWriter(PostgresStore store, String name, List<String> fields) {
        this.connection = store.newConnection();
        this.name = name;
        try {
            connection.setAutoCommit(false);
            this.table = PostgresTable.read(connection, name);
            connection.commit();
            this.key = table.primaryKey();
            this.written = new ArrayList<>();
            written.add(key);
            for (String field : fields) {
                written.add(writable(field));
            }
        } catch (SQLException e) {
            closeQuietly();
            throw failure("open", e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private PostgresTable.Column writable(String field) {
        PostgresTable.Column column = table.column(field).orElseThrow(() -> new FerryException("The target table "
                + table.qualified() + " has no column " + SqlNames.quote(field) + " for the plan's field '" + field
                + "'. Its columns are " + table.columnNames() + "; rename the field or add the column."));
        if (column.name().equals(key.name())) {
            throw new FerryException("The plan maps a field to " + column.describe() + ", the primary key of "
                    + table.qualified() + ", which takes the target's id: set it with the target's id: rule only.");
        }
        if (column.generated() || column.identityAlways()) {
            throw new FerryException("The plan maps a field to " + column.describe() + " of " + table.qualified()
                    + ", which the database generates (GENERATED ALWAYS): leave it out of the plan's fields.");
        }
        return column;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> refusals(Document doc) {
        List<String> reasons = new ArrayList<>();
        for (PostgresTable.Column column : written) {
            Object value = column == key ? doc.get("_id") : doc.get(column.name());
            try {
                BsonToPostgres.text(value, column);
            } catch (BsonToPostgres.DoesNotFit e) {
                reasons.add((column == key ? "_id → " : "") + "column " + column.describe() + " of "
                        + table.qualified() + ": " + e.getMessage());
            }
        }
        return reasons;
    }

    @Override
    public Outcome write(List<Document> docs, boolean targetWasEmpty, UndoRecorder undo, Fence fence, Phases phases) {
        if (docs.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        try {
            List<Object> inserted = new ArrayList<>();
            List<Integer> hashes = new ArrayList<>();
            List<Object> replaced = new ArrayList<>();
            Map<Object, Document> preImages = new HashMap<>();
            long unchanged = 0;
            Map<Object, Row> existing;
            try (Lap lap = phases.time("lookups")) {
                existing = lockRows(docs.stream().map(d -> d.get("_id")).toList());
            }
            try (Lap lap = phases.time("writes"); PreparedStatement insert = connection.prepareStatement(insertSql());
                 PreparedStatement update = connection.prepareStatement(updateSql())) {
                for (Document doc : docs) {
                    Object id = doc.get("_id");
                    List<String> values = values(doc);
                    Row before = existing.get(SourceKeys.identity(id));
                    if (before == null) {
                        Integer hash = run(insert, values, 0);
                        if (hash != null) {
                            inserted.add(id);
                            hashes.add(hash);
                            continue;
                        }
                        // another writer inserted this key since the lookup: its row is a pre-image, like any other
                        before = lockRows(List.of(id)).get(SourceKeys.identity(id));
                        if (before == null) {
                            throw new FerryException("Another writer inserted and deleted " + SourceKeys.render(id)
                                    + " in " + table.qualified() + " while this batch was written; nothing of the"
                                    + " batch was committed. Run the plan again to resume.");
                        }
                    }
                    Integer after = run(update, values, 1);
                    if (after != null && after == before.hash()) {
                        unchanged++;
                    } else {
                        replaced.add(id);
                        preImages.put(id, before.image());
                    }
                }
            }
            try (Lap lap = phases.time("undo log")) {
                undo.save(inserted, hashes, replaced, preImages); // before the commit: nothing visible without its undo
            }
            fence.check();
            connection.commit();
            return new Outcome(inserted.size(), replaced.size(), unchanged);
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("write a batch to", e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** A row as it was: its hash as stored, and its pre-image (every column's text, null for NULL). */
    private record Row(int hash, Document image) { }

    /** The rows with these keys, locked until the batch commits, by key identity. */
    private Map<Object, Row> lockRows(List<Object> ids) throws SQLException {
        Map<Object, Row> rows = new HashMap<>();
        String texts = table.columns().stream().map(c -> "CAST(t." + SqlNames.quote(c.name()) + " AS text)")
                .collect(Collectors.joining(", "));
        try (PreparedStatement st = connection.prepareStatement("SELECT t." + SqlNames.quote(key.name()) + ", "
                + hash32("t") + ", " + texts + " FROM " + table.qualified() + " AS t WHERE t."
                + SqlNames.quote(key.name()) + " = ANY (CAST(CAST(? AS text) AS " + key.type() + "[])) FOR UPDATE")) {
            st.setString(1, keyArray(ids));
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

    /** Runs an insert or update whose RETURNING gives the row's hash; null when no row was written. */
    private static Integer run(PreparedStatement st, List<String> values, int keyLast) throws SQLException {
        // insert binds (key, fields…); update binds (fields…, key)
        int i = 1;
        if (keyLast == 0) {
            for (String v : values) {
                st.setString(i++, v);
            }
        } else {
            for (int v = 1; v < values.size(); v++) {
                st.setString(i++, values.get(v));
            }
            st.setString(i, values.get(0));
        }
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getInt(1) : null;
        }
    }

    private String insertSql() {
        return "INSERT INTO " + table.qualified() + " AS t (" + names(written) + ") VALUES (" + casts(written)
                + ") ON CONFLICT (" + SqlNames.quote(key.name()) + ") DO NOTHING RETURNING " + hash32("t");
    }

    private String updateSql() {
        List<PostgresTable.Column> fields = written.subList(1, written.size());
        String set = fields.isEmpty() ? SqlNames.quote(key.name()) + " = t." + SqlNames.quote(key.name())
                : fields.stream().map(c -> SqlNames.quote(c.name()) + " = " + cast(c)).collect(Collectors.joining(", "));
        return "UPDATE " + table.qualified() + " AS t SET " + set + " WHERE t." + SqlNames.quote(key.name()) + " = "
                + cast(key) + " RETURNING " + hash32("t");
    }

    private List<String> values(Document doc) {
        List<String> out = new ArrayList<>(written.size());
        for (PostgresTable.Column column : written) {
            Object value = column == key ? doc.get("_id") : doc.get(column.name());
            try {
                out.add(BsonToPostgres.text(value, column));
            } catch (BsonToPostgres.DoesNotFit e) {
                // refusals() quarantines such records before they reach a write; one here is a bug, not data
                throw new FerryException("Record " + SourceKeys.render(doc.get("_id")) + " does not fit column "
                        + column.describe() + " of " + table.qualified() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public Undone undo(List<Object> inserted, List<Integer> insertedHashes, List<Object> replaced,
                       Map<Object, Document> preImages) {
        try {
            Undone undone = new PostgresRowUndo(connection, table, key, this::keyText)
                    .undo(inserted, insertedHashes, replaced, preImages);
            connection.commit();
            return undone;
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("undo a batch in", e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    @Override
    public DocumentChecksum.Sum checksum() {
        DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
        try (PreparedStatement st = connection.prepareStatement("SELECT " + PostgresBatchReader.rowHash("t")
                + " FROM " + table.qualified() + " AS t")) {
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sum = sum.plus(new DocumentChecksum.Sum(1, rs.getLong(1)));
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("checksum", e);
        }
        return sum;
    }

    @Override
    public long count() {
        try (PreparedStatement st = connection.prepareStatement("SELECT count(*) FROM " + table.qualified());
             ResultSet rs = st.executeQuery()) {
            rs.next();
            long n = rs.getLong(1);
            connection.commit();
            return n;
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("count", e);
        }
    }

    /** The stored rows with these ids, as the text of each written column ({@code _id}: the key's), by id identity. */
    @Override
    public Map<Object, Document> stored(List<Object> ids) {
        Map<Object, Document> found = new LinkedHashMap<>();
        Map<String, Object> byText = new HashMap<>();
        ids.forEach(id -> byText.put(keyText(id), id));
        try (PreparedStatement st = connection.prepareStatement("SELECT " + written.stream()
                .map(c -> "CAST(t." + SqlNames.quote(c.name()) + " AS text)").collect(Collectors.joining(", "))
                + ", CAST(CAST(CAST(t." + SqlNames.quote(key.name()) + " AS text) AS " + key.type() + ") AS text) FROM "
                + table.qualified() + " AS t WHERE t." + SqlNames.quote(key.name()) + " = ANY (CAST(CAST(? AS text) AS "
                + key.type() + "[]))")) {
            st.setString(1, keyArray(ids));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Document row = texts(rs);
                    Object id = byText.get(rs.getString(written.size() + 1));
                    found.put(SourceKeys.identity(id == null ? row.get("_id") : id), row);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("read back rows of", e);
        }
        return found;
    }

    /**
     * A mapped document as this table stores it: each written column's value through its type and back to text,
     * by the server (one query), so that it compares exactly with {@link #stored}.
     */
    @Override
    public Document comparable(Document mapped) {
        List<String> values = values(mapped);
        try (PreparedStatement st = connection.prepareStatement("SELECT " + written.stream()
                .map(c -> "CAST(" + cast(c) + " AS text)").collect(Collectors.joining(", ")))) {
            for (int i = 0; i < values.size(); i++) {
                st.setString(i + 1, values.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                Document row = texts(rs);
                connection.commit();
                return row;
            }
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("compare a record with", e);
        }
    }

    private Document texts(ResultSet rs) throws SQLException {
        Document row = new Document();
        for (int c = 0; c < written.size(); c++) {
            row.put(c == 0 ? "_id" : written.get(c).name(), rs.getString(c + 1));
        }
        return row;
    }

    String keyText(Object id) {
        try {
            return BsonToPostgres.text(id, key);
        } catch (BsonToPostgres.DoesNotFit e) {
            throw new FerryException("The id " + SourceKeys.render(id) + " does not fit the primary key "
                    + key.describe() + " of " + table.qualified() + ": " + e.getMessage(), e);
        }
    }

    /** The keys as one array literal, bound as text and cast to the key's array type. */
    private String keyArray(List<Object> ids) {
        StringBuilder literal = new StringBuilder("{");
        for (Object id : ids) {
            String text = keyText(id);
            literal.append(literal.length() == 1 ? "" : ",").append('"')
                    .append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    private FerryException failure(String what, SQLException e) {
        return new FerryException("Could not " + what + " the target table " + table.qualified() + ": "
                + Secrets.redact(e.getMessage()) + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), e);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the server rolled the transaction back itself
        }
    }

    @Override
    public void close() {
        rollbackQuietly();
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a connection that failed has nothing left to release
        }
    }
}
