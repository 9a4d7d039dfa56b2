package dev.ferry.engine.split.related;

import dev.ferry.plan.EmbedRules;
import dev.ferry.plan.Plan;
import dev.ferry.store.RelatedReader;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.mongo.MongoRelatedDocuments;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.store.postgres.PostgresRelatedRows;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.transform.JoinedRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;

/**
 * Joins a batch of source records with the related records their plan embeds: one query per relation per batch, never
 * one per record — the keys of the whole batch are read in one {@code IN}/{@code = ANY}, and the related records
 * grouped back to the records they belong to (by value, as the database compares them: 5 and 5L are one key). Nested
 * relations are read the same way for all the related records of the batch at once.
 */
public final class RelatedFetch implements AutoCloseable {

    /** One embed rule's reader and the relations nested in it. */
    private record Link(String id, RelatedReader reader, List<Link> children) { }

    private final List<Link> roots;
    private long queries;

    private RelatedFetch(List<Link> roots) {
        this.roots = roots;
    }

    /** The relations of a PostgreSQL source (a table's foreign keys may say how they match). */
    public static RelatedFetch on(PostgresStore postgres, Plan plan) {
        String home = plan.source().isQuery() ? null : plan.source().collection();
        return open(plan, (node, parent) -> new PostgresRelatedRows(postgres, parent == null ? home
                : ((PostgresRelatedRows) parent).table(), node.rule()));
    }

    /** The relations of a MongoDB source: collections of the same database. */
    public static RelatedFetch on(MongoStore mongo, Plan plan) {
        return open(plan, (node, parent) -> new MongoRelatedDocuments(mongo, node.rule()));
    }

    private interface Opener {
        RelatedReader open(EmbedRules.Node node, RelatedReader parent);
    }

    private static RelatedFetch open(Plan plan, Opener opener) {
        List<Link> roots = new ArrayList<>();
        try {
            for (EmbedRules.Node node : EmbedRules.of(plan)) {
                roots.add(link(node, null, opener));
            }
        } catch (RuntimeException e) {
            new RelatedFetch(roots).close();
            throw e;
        }
        return new RelatedFetch(roots);
    }

    private static Link link(EmbedRules.Node node, RelatedReader parent, Opener opener) {
        RelatedReader reader = opener.open(node, parent);
        List<Link> children = new ArrayList<>();
        try {
            for (EmbedRules.Node child : node.children()) {
                children.add(link(child, reader, opener));
            }
        } catch (RuntimeException e) {
            children.forEach(RelatedFetch::close);
            reader.close();
            throw e;
        }
        return new Link(node.rule().id(), reader, children);
    }

    /** The records, each joined with its related records (and theirs), in the same order. */
    public List<Document> join(List<Document> records) {
        List<JoinedRecord> joined = new ArrayList<>(records.size());
        records.forEach(r -> joined.add(r instanceof JoinedRecord j ? j : new JoinedRecord(r)));
        join(joined, roots);
        return new ArrayList<>(joined);
    }

    /** Queries made so far: one per relation per batch. */
    public long queries() {
        return queries;
    }

    private void join(List<JoinedRecord> records, List<Link> links) {
        for (Link link : links) {
            Map<List<Object>, List<Object>> keys = new LinkedHashMap<>(); // identity → the values as read
            List<List<Object>> wanted = new ArrayList<>(records.size());
            for (JoinedRecord record : records) {
                List<Object> values = values(record, link.reader().localFields(), Function.identity());
                wanted.add(values == null ? null : identity(values));
                if (values != null) {
                    keys.putIfAbsent(identity(values), values);
                }
            }
            List<Document> rows = keys.isEmpty() ? List.of() : link.reader().read(new ArrayList<>(keys.values()));
            queries += keys.isEmpty() ? 0 : 1;
            Map<List<Object>, List<Document>> byKey = new HashMap<>();
            List<JoinedRecord> fetched = new ArrayList<>(rows.size());
            for (Document row : rows) {
                JoinedRecord related = new JoinedRecord(row);
                fetched.add(related);
                List<Object> key = values(row, link.reader().relatedFields(), SourceKeys::identity);
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(related);
            }
            for (int i = 0; i < records.size(); i++) {
                List<Object> key = wanted.get(i);
                records.get(i).relate(link.id(), key == null ? List.of() : byKey.getOrDefault(key, List.of()));
            }
            if (!link.children().isEmpty() && !fetched.isEmpty()) {
                join(fetched, link.children());
            }
        }
    }

    /** The values at these fields (dotted paths), mapped; null when any is missing or null (such a key matches nothing). */
    private static List<Object> values(Document record, List<String> fields, Function<Object, Object> as) {
        List<Object> out = new ArrayList<>(fields.size());
        for (String field : fields) {
            Object value = SourceKeys.valueAt(record, field);
            if (value == null) {
                return null;
            }
            out.add(as.apply(value));
        }
        return out;
    }

    private static List<Object> identity(List<Object> values) {
        return values.stream().map(SourceKeys::identity).toList();
    }

    @Override
    public void close() {
        roots.forEach(RelatedFetch::close);
    }

    private static void close(Link link) {
        link.children().forEach(RelatedFetch::close);
        link.reader().close();
    }
}
