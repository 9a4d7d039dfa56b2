package dev.ferry.store.postgres.journal;

import dev.ferry.store.SourceKeys;
import dev.ferry.store.journal.PendingUndo;
import dev.ferry.store.journal.UndoEntry;
import dev.ferry.store.journal.UndoLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.bson.Document;

/**
 * The undo log in {@code ferry.undo} (one row per batch and target: the keys inserted with their hashes and the keys
 * replaced, as BSON arrays) and {@code ferry.undo_images} (one pre-image per replaced key, as BSON; bytea holds up to
 * 1 GB, so no pre-image needs to go elsewhere). An entry and its pre-images are saved in one
 * transaction, and only by the entry's owner.
 */
final class PostgresUndoLog implements UndoLog {

    private static final int PAGE = 100;

    private final JournalDatabase db;
    private final String undo;
    private final String images;

    PostgresUndoLog(JournalDatabase db) {
        this.db = db;
        this.undo = db.table(JournalTables.UNDO);
        this.images = db.table(JournalTables.IMAGES);
    }

    @Override
    public boolean save(UndoEntry entry, Map<Object, Document> preImages, String owner) {
        return db.transaction(c -> {
            if (!preImages.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + images + " (run_id, target, key_digest,"
                        + " key, batch, image) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    for (Map.Entry<Object, Document> image : preImages.entrySet()) {
                        byte[] key = BsonBytes.value(image.getKey());
                        s.setString(1, entry.runId());
                        s.setString(2, entry.target());
                        s.setString(3, BsonBytes.digest(key));
                        s.setBytes(4, key);
                        s.setLong(5, entry.batch());
                        s.setBytes(6, BsonBytes.document(image.getValue()));
                        s.addBatch(); // a pre-image saved earlier is kept: the first capture is the true one
                    }
                    s.executeBatch();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + undo + " AS u (run_id, batch, target, owner,"
                    + " inserted, inserted_hashes, replaced, inserted_count, replaced_count, undone)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, batch, target) DO UPDATE SET"
                    + " inserted = EXCLUDED.inserted, inserted_hashes = EXCLUDED.inserted_hashes,"
                    + " replaced = EXCLUDED.replaced, inserted_count = EXCLUDED.inserted_count,"
                    + " replaced_count = EXCLUDED.replaced_count, undone = EXCLUDED.undone"
                    + " WHERE u.owner = EXCLUDED.owner")) {
                s.setString(1, entry.runId());
                s.setLong(2, entry.batch());
                s.setString(3, entry.target());
                s.setString(4, owner);
                s.setBytes(5, BsonBytes.values(entry.inserted()));
                s.setArray(6, c.createArrayOf("integer", entry.insertedHashes().toArray()));
                s.setBytes(7, BsonBytes.values(entry.replaced()));
                s.setInt(8, entry.inserted().size());
                s.setInt(9, entry.replaced().size());
                s.setBoolean(10, entry.undone());
                return s.executeUpdate() == 1; // 0: the entry is another owner's, which took the run over
            }
        });
    }

    @Override
    public List<UndoEntry> after(String runId, long batch) {
        return db.read(c -> select(c, "run_id = ? AND batch > ?", runId, batch, Long.MAX_VALUE, ""), List.of());
    }

    @Override
    public List<UndoEntry> between(String runId, long batch, long upTo) {
        return db.read(c -> select(c, "run_id = ? AND batch > ? AND batch <= " + upTo, runId, batch, Long.MAX_VALUE,
                ""), List.of());
    }

    /** Pages of entries, last batch first, each page read when the one before is used up. */
    @Override
    public Iterable<UndoEntry> newestFirst(String runId) {
        return () -> new Iterator<>() {
            private List<UndoEntry> page = new ArrayList<>();
            private int next;
            private boolean done;
            private long lastBatch = Long.MAX_VALUE;
            private String lastTarget = "";

            @Override
            public boolean hasNext() {
                if (next < page.size()) {
                    return true;
                }
                if (done) {
                    return false;
                }
                page = db.read(c -> select(c, "run_id = ? AND (batch, target) < (?, ?)", runId, lastBatch, PAGE,
                        lastTarget), List.of());
                next = 0;
                done = page.size() < PAGE;
                if (!page.isEmpty()) {
                    UndoEntry last = page.get(page.size() - 1);
                    lastBatch = last.batch();
                    lastTarget = last.target();
                }
                return !page.isEmpty();
            }

            @Override
            public UndoEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(next++);
            }
        };
    }

    /**
     * Entries matching {@code where} (run, a batch bound and, for pages, a target bound), last batch first.
     * {@code lastTarget} is bound only when {@code where} has a third parameter.
     */
    private List<UndoEntry> select(Connection c, String where, String runId, long batch, long limit,
                                   String lastTarget) throws SQLException {
        boolean paged = where.contains("(batch, target)");
        try (PreparedStatement s = c.prepareStatement("SELECT run_id, batch, target, inserted, inserted_hashes,"
                + " replaced, undone FROM " + undo + " WHERE " + where + " ORDER BY batch DESC, target DESC"
                + (paged ? " LIMIT " + limit : ""))) {
            s.setString(1, runId);
            s.setLong(2, batch);
            if (paged) {
                s.setString(3, lastTarget);
            }
            List<UndoEntry> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<Integer> hashes = new ArrayList<>();
                    for (Integer h : (Integer[]) r.getArray(5).getArray()) {
                        hashes.add(h);
                    }
                    out.add(new UndoEntry(r.getString(1), r.getLong(2), r.getString(3),
                            BsonBytes.values(r.getBytes(4)), hashes, BsonBytes.values(r.getBytes(6)),
                            r.getBoolean(7)));
                }
            }
            return out;
        }
    }

    @Override
    public Map<Object, Document> preImages(String runId, String target, List<Object> keys) {
        List<String> digests = keys.stream().map(k -> BsonBytes.digest(BsonBytes.value(k))).toList();
        return db.read(c -> {
            Map<Object, Document> out = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT key, image FROM " + images
                    + " WHERE run_id = ? AND target = ? AND key_digest = ANY (?)")) {
                s.setString(1, runId);
                s.setString(2, target);
                s.setArray(3, c.createArrayOf("text", digests.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(SourceKeys.identity(BsonBytes.value(r.getBytes(1))), BsonBytes.document(r.getBytes(2)));
                    }
                }
            }
            return out;
        }, Map.of());
    }

    @Override
    public void markUndone(UndoEntry entry) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + undo + " SET undone = true"
                    + " WHERE run_id = ? AND batch = ? AND target = ?")) {
                s.setString(1, entry.runId());
                s.setLong(2, entry.batch());
                s.setString(3, entry.target());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Map<String, PendingUndo> pending(String runId) {
        return db.read(c -> {
            Map<String, PendingUndo> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT target, sum(inserted_count), sum(replaced_count)"
                    + " FROM " + undo + " WHERE run_id = ? AND NOT undone GROUP BY target ORDER BY target")) {
                s.setString(1, runId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), new PendingUndo(r.getLong(2), r.getLong(3)));
                    }
                }
            }
            return out;
        }, Map.of());
    }
}
