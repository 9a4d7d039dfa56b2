package dev.ferry.store.postgres.journal;

import dev.ferry.store.journal.CreatedObject;
import dev.ferry.store.journal.CreatedObjects;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Created objects in the column {@code created} of {@code ferry.runs} (BSON bytes of {@code {objects: […]}}), which a
 * journal made by an earlier version gains in place on first use.
 */
final class PostgresCreatedObjects implements CreatedObjects {

    private final JournalDatabase db;
    private final String runs;
    private volatile boolean column;

    PostgresCreatedObjects(JournalDatabase db) {
        this.db = db;
        this.runs = db.table(JournalTables.RUNS);
    }

    @Override
    public List<CreatedObject> of(String runId) {
        if (!column && !hasColumn()) {
            return List.of(); // a journal from before runs kept what they created: none of its runs created anything
        }
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT created FROM " + runs + " WHERE run_id = ?")) {
                s.setString(1, runId);
                try (ResultSet r = s.executeQuery()) {
                    List<CreatedObject> out = new ArrayList<>();
                    byte[] bytes = r.next() ? r.getBytes(1) : null;
                    if (bytes != null) {
                        for (Document d : BsonBytes.document(bytes).getList("objects", Document.class)) {
                            out.add(new CreatedObject(CreatedObject.Kind.valueOf(d.getString("kind")),
                                    d.getString("target"), d.getString("name"), d.getString("definition"),
                                    CreatedObject.State.valueOf(d.getString("state"))));
                        }
                    }
                    return out;
                }
            }
        }, List.of());
    }

    @Override
    public boolean record(String runId, String owner, List<CreatedObject> objects) {
        ensureColumn();
        List<Document> docs = objects.stream().map(o -> new Document("kind", o.kind().name())
                .append("target", o.target()).append("name", o.name()).append("definition", o.definition())
                .append("state", o.state().name())).toList();
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + runs + " SET created = ?, updated_at = ?"
                    + " WHERE run_id = ? AND owner = ?")) {
                s.setBytes(1, BsonBytes.document(new Document("objects", docs)));
                s.setObject(2, Times.now());
                s.setString(3, runId);
                s.setString(4, owner);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** A journal made before runs kept what they created gains the column (only when it lacks it). */
    private void ensureColumn() {
        if (column) {
            return;
        }
        db.write(c -> null); // the journal's tables first
        if (!hasColumn()) {
            db.write(c -> {
                try (PreparedStatement s = c.prepareStatement("ALTER TABLE " + runs
                        + " ADD COLUMN IF NOT EXISTS created bytea")) {
                    return s.executeUpdate();
                }
            });
        }
        column = true;
    }

    private boolean hasColumn() {
        boolean present = db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_attribute WHERE attrelid ="
                    + " to_regclass(?) AND attname = 'created' AND NOT attisdropped")) {
                s.setString(1, runs);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        }, false);
        column = present;
        return present;
    }
}
