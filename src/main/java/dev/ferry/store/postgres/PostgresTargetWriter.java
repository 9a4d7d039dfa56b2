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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

/**
 * Writes batches of documents to one PostgreSQL table: the {@code _id} goes to the primary key (a key of several
 * columns, such as a fan-out table's parent key and position, takes the {@code _id}'s fields of their names:
 * {@link PostgresRowKey}), each field the plan maps to the column of that name ({@link BsonToPostgres}). A batch is one transaction: the rows are locked
 * and their pre-images read ({@code FOR UPDATE}; skipped when the table was empty as the run began), the new keys
 * inserted in one statement ({@code ON CONFLICT DO NOTHING}: a key another writer took meanwhile becomes an update,
 * its row a pre-image), the existing ones updated in another ({@link PostgresBulkRows}), then the undo entry is saved
 * — with the inserted rows' hashes as stored and the pre-images as text — and only then is the transaction committed.
 * So nothing of a batch is visible without its undo, and a crash before the commit leaves the table untouched.
 */
public final class PostgresTargetWriter implements TargetWriter {

    private final Connection connection;
    private final PostgresTable table;
    private final PostgresRowKey key;
    /** The columns a document is written to: the key's, then the plan's fields in order. */
    private final List<PostgresTable.Column> written;
    private final String name;
    private final PostgresBulkRows bulk;
    private final PostgresRowImages images;
    private final PostgresStoredRows storedRows;

    /** @param fields the top-level fields the plan maps into this table (each names a column); the key excluded */
    public PostgresTargetWriter(PostgresStore store, String name, List<String> fields) {
        this.connection = store.newConnection();
        this.name = name;
        try {
            connection.setAutoCommit(false);
            this.table = PostgresTable.read(connection, name);
            RowSecurity.refuseHiddenTargetRows(connection, table);
            connection.commit();
            this.key = new PostgresRowKey(keyColumns(table));
            this.written = new ArrayList<>(key.columns());
            for (String field : fields) {
                written.add(writable(field));
            }
            this.bulk = new PostgresBulkRows(connection, table, written, key.columns().size());
            this.images = new PostgresRowImages(connection, table, key, this::keyTexts);
            this.storedRows = new PostgresStoredRows(connection, table, written, key, this::keyTexts);
        } catch (SQLException e) {
            closeQuietly();
            throw failure("open", e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** The primary key's columns: one takes the record's _id, several the _id's fields of their names. */
    private static List<PostgresTable.Column> keyColumns(PostgresTable table) {
        if (table.primaryKeyColumns().isEmpty()) {
            throw new FerryException("The target table " + table.qualified() + " has no primary key; Ferry upserts"
                    + " on the record's _id, so the table needs one (of one column, or a fan-out table's parent key"
                    + " and position).");
        }
        return table.primaryKeyColumns().stream().map(c -> table.column(c).orElseThrow()).toList();
    }

    private PostgresTable.Column writable(String field) {
        PostgresTable.Column column = table.column(field).orElseThrow(() -> new FerryException("The target table "
                + table.qualified() + " has no column " + SqlNames.quote(field) + " for the plan's field '" + field
                + "'. Its columns are " + table.columnNames() + "; rename the field or add the column."));
        if (key.isKey(column)) {
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
        try {
            key.texts(doc.get("_id"));
        } catch (BsonToPostgres.DoesNotFit e) {
            reasons.add("_id → primary key " + key.names() + " of " + table.qualified() + ": " + e.getMessage());
        }
        for (PostgresTable.Column column : written.subList(key.columns().size(), written.size())) {
            try {
                BsonToPostgres.text(doc.get(column.name()), column);
            } catch (BsonToPostgres.DoesNotFit e) {
                reasons.add("column " + column.describe() + " of " + table.qualified() + ": " + e.getMessage());
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
            List<List<String>> rows = new ArrayList<>(docs.size());
            docs.forEach(doc -> rows.add(values(doc)));
            Map<Object, PostgresRowImages.Row> existing;
            try (Lap lap = phases.time("lookups")) {
                // a table that was empty when the run began has only what this run wrote: the insert's conflicts say so
                existing = targetWasEmpty ? new HashMap<>() : images.lock(docs.stream().map(d -> d.get("_id")).toList());
            }
            List<Integer> fresh = new ArrayList<>();
            List<Integer> present = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                (existing.containsKey(key.identity(docs.get(i).get("_id"))) ? present : fresh).add(i);
            }
            List<Object> inserted = new ArrayList<>();
            List<Integer> hashes = new ArrayList<>();
            try (Lap lap = phases.time("writes")) {
                Map<Integer, Integer> insertedHashes = bulk.insert(pick(rows, fresh));
                List<Object> taken = new ArrayList<>();
                for (int f = 0; f < fresh.size(); f++) {
                    Object id = docs.get(fresh.get(f)).get("_id");
                    Integer hash = insertedHashes.get(f);
                    if (hash != null) {
                        inserted.add(id);
                        hashes.add(hash);
                    } else {
                        taken.add(id);
                        present.add(fresh.get(f));
                    }
                }
                // keys another writer (or an earlier attempt) holds: their rows are pre-images, like any other
                existing.putAll(taken.isEmpty() ? Map.of() : images.lock(taken));
                for (Object id : taken) {
                    if (!existing.containsKey(key.identity(id))) {
                        throw new FerryException("Another writer inserted and deleted " + SourceKeys.render(id)
                                + " in " + table.qualified() + " while this batch was written; nothing of the"
                                + " batch was committed. Run the plan again to resume.");
                    }
                }
            }
            List<Object> replaced = new ArrayList<>();
            Map<Object, Document> preImages = new HashMap<>();
            long unchanged = 0;
            try (Lap lap = phases.time("writes")) {
                Map<Integer, Integer> after = bulk.update(pick(rows, present));
                for (int p = 0; p < present.size(); p++) {
                    Object id = docs.get(present.get(p)).get("_id");
                    PostgresRowImages.Row before = existing.get(key.identity(id));
                    Integer hash = after.get(p);
                    if (hash == null) {
                        throw new FerryException("The row " + SourceKeys.render(id) + " of " + table.qualified()
                                + " was locked by this batch but not updated; nothing of the batch was committed."
                                + " Run the plan again to resume.");
                    }
                    if (hash == before.hash()) {
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

    private static List<List<String>> pick(List<List<String>> rows, List<Integer> positions) {
        List<List<String>> picked = new ArrayList<>(positions.size());
        positions.forEach(i -> picked.add(rows.get(i)));
        return picked;
    }

    private List<String> values(Document doc) {
        List<String> out = new ArrayList<>(keyTexts(doc.get("_id")));
        for (PostgresTable.Column column : written.subList(key.columns().size(), written.size())) {
            try {
                out.add(BsonToPostgres.text(doc.get(column.name()), column));
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
            Undone undone = new PostgresRowUndo(connection, table, key, this::keyTexts)
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

    /** By the row hash an undo compares ({@code hash32}), computed by the server from the row as stored. */
    @Override
    public java.util.Set<Object> unchangedSince(List<Object> keys, List<Integer> hashes) {
        java.util.Set<Object> unchanged = new java.util.HashSet<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT " + RowSql.hash32("t") + " FROM "
                + table.qualified() + " AS t WHERE " + key.matchesOne("t"))) {
            for (int i = 0; i < keys.size() && i < hashes.size(); i++) {
                List<String> k = keyTexts(keys.get(i));
                for (int c = 0; c < k.size(); c++) {
                    st.setString(c + 1, k.get(c));
                }
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next() && rs.getInt(1) == hashes.get(i)) {
                        unchanged.add(SourceKeys.identity(keys.get(i))); // as the caller looks it up
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("read the row hashes of", e);
        }
        return unchanged;
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

    /** Opened only on a table that exists (a plan that creates its tables records and creates them first). */
    @Override
    public boolean exists() {
        return true;
    }

    /** The stored rows with these ids, as the text of each written column ({@code _id}: the key's), by id identity. */
    @Override
    public Map<Object, Document> stored(List<Object> ids) {
        try {
            Map<Object, Document> found = storedRows.read(ids);
            connection.commit();
            return found;
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("read back rows of", e);
        }
    }

    /**
     * A mapped document as this table stores it: each written column's value through its type and back to text,
     * by the server (one query), so that it compares exactly with {@link #stored}.
     */
    @Override
    public Document comparable(Document mapped) {
        try {
            Document row = storedRows.asStored(values(mapped));
            connection.commit();
            return row;
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("compare a record with", e);
        }
    }

    /** The id's key values as text, one per key column; an id that does not fit is the caller's fault. */
    List<String> keyTexts(Object id) {
        try {
            return key.texts(id);
        } catch (BsonToPostgres.DoesNotFit e) {
            throw new FerryException("The id " + SourceKeys.render(id) + " does not fit the primary key "
                    + key.names() + " of " + table.qualified() + ": " + e.getMessage(), e);
        }
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
