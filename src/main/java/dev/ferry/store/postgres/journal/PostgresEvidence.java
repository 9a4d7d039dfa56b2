package dev.ferry.store.postgres.journal;

import dev.ferry.store.journal.KeptEvidence;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Evidence in {@code ferry.evidence}: one row per entry, the record as BSON bytes with its JSON beside it for people
 * reading the journal with psql. A journal made before this table existed reads as having no evidence.
 */
final class PostgresEvidence extends KeptEvidence {

    private final JournalDatabase db;

    PostgresEvidence(JournalDatabase db) {
        this.db = db;
    }

    @Override
    protected void put(Entry e) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table(JournalTables.EVIDENCE)
                    + " (id, kind, run_id, plan, plan_hash, key, at, body, body_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?) ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, run_id = EXCLUDED.run_id,"
                    + " plan = EXCLUDED.plan, plan_hash = EXCLUDED.plan_hash, key = EXCLUDED.key, at = EXCLUDED.at,"
                    + " body = EXCLUDED.body, body_json = EXCLUDED.body_json")) {
                s.setString(1, e.id());
                s.setString(2, e.kind());
                s.setString(3, e.runId());
                s.setString(4, e.plan());
                s.setString(5, e.planHash());
                s.setString(6, e.key());
                Times.set(s, 7, e.at());
                s.setBytes(8, BsonBytes.document(e.body()));
                s.setString(9, BsonBytes.readable(e.body()));
                return s.executeUpdate();
            }
        });
    }

    @Override
    protected List<Entry> find(Query q) {
        StringBuilder sql = new StringBuilder("SELECT id, kind, run_id, plan, plan_hash, key, at, body FROM "
                + db.table(JournalTables.EVIDENCE) + " WHERE kind = ?");
        List<Object> args = new ArrayList<>(List.of(q.kind()));
        criterion(sql, args, "run_id", q.runId());
        criterion(sql, args, "plan", q.plan());
        criterion(sql, args, "plan_hash", q.planHash());
        criterion(sql, args, "key", q.key());
        if (q.before() != null) {
            sql.append(" AND at <= ?");
            args.add(Times.of(q.before()));
        }
        String direction = q.newestFirst() ? " DESC" : "";
        sql.append(" ORDER BY at").append(direction).append(", id").append(direction).append(" LIMIT ").append(q.limit());
        return db.read(c -> {
            if (!db.hasTable(c, JournalTables.EVIDENCE)) {
                return List.<Entry>of();
            }
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                List<Entry> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Entry(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), r.getString(6), Times.instant(r, "at"),
                                BsonBytes.document(r.getBytes(8))));
                    }
                }
                return out;
            }
        }, List.of());
    }

    private static void criterion(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }
}
