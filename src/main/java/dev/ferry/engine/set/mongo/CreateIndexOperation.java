package dev.ferry.engine.set.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import dev.ferry.FerryException;
import dev.ferry.plan.OperationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * {@code create_index}: creates an index unless one with the same keys already exists. The undo log names only an
 * index this step is about to create (recorded before creating it), so the down drops what the up created and never
 * an index that was there before.
 */
final class CreateIndexOperation implements SetOperation {

    static final String KIND = "create_index";

    private final OperationSpec.CreateIndex spec;

    CreateIndexOperation(OperationSpec.CreateIndex spec) {
        this.spec = spec;
    }

    @Override
    public String describe() {
        return "create " + (spec.unique() ? "unique " : "") + "index " + name() + " " + spec.keys().toJson()
                + " on " + spec.collection();
    }

    @Override
    public Map<String, Long> apply(StepContext ctx) {
        MongoCollection<Document> coll = ctx.store().collection(spec.collection());
        Optional<Document> sameKeys = indexes(coll).stream().filter(i -> sameKeys(i.get("key", Document.class)))
                .findFirst();
        if (sameKeys.isPresent()) {
            return new Counts().add("indexes_already_present", 1).asMap();
        }
        indexes(coll).stream().filter(i -> name().equals(i.getString("name"))).findFirst().ifPresent(i -> {
            throw new FerryException("an index named " + name() + " already exists on " + spec.collection()
                    + " with other keys " + i.get("key", Document.class).toJson() + "; give this index another"
                    + " name (name: …) or drop that one first");
        });
        ctx.checkRunning();
        ctx.recordUndo(KIND, new Document("collection", spec.collection()).append("name", name())
                .append("keys", spec.keys()));
        coll.createIndex(spec.keys(), new IndexOptions().name(name()).unique(spec.unique()));
        ctx.progress(1, 1);
        return new Counts().add("indexes_created", 1).asMap();
    }

    /**
     * Drops the recorded index if it is still there. It drops by key pattern, not by name: mongo-java-server 1.47
     * drops every same-named index of the database when asked by name (orders and billing_records both have a
     * customer_id_1); by keys it drops this collection's only, as MongoDB does either way.
     */
    static Map<String, Long> undo(StepContext ctx, Document entry) {
        MongoCollection<Document> coll = ctx.store().collection(entry.getString("collection"));
        String name = entry.getString("name");
        Optional<Document> present = indexes(coll).stream().filter(i -> name.equals(i.getString("name"))).findFirst();
        if (present.isEmpty()) {
            return new Counts().add("indexes_already_gone", 1).asMap();
        }
        ctx.checkRunning();
        coll.dropIndex(present.get().get("key", Document.class));
        return new Counts().add("indexes_dropped", 1).asMap();
    }

    /** MongoDB's default name: {@code user_id_1_status_1}, {@code delivery_date_-1}. */
    String name() {
        if (spec.name() != null) {
            return spec.name();
        }
        List<String> parts = new ArrayList<>();
        spec.keys().forEach((k, v) -> parts.add(k + "_" + v));
        return String.join("_", parts);
    }

    /** Same fields in the same order with the same directions (1 and 1.0 count as equal). */
    private boolean sameKeys(Document existing) {
        if (existing == null || existing.size() != spec.keys().size()) {
            return false;
        }
        List<Map.Entry<String, Object>> a = new ArrayList<>(existing.entrySet());
        List<Map.Entry<String, Object>> b = new ArrayList<>(spec.keys().entrySet());
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).getKey().equals(b.get(i).getKey()) || !(a.get(i).getValue() instanceof Number n)
                    || n.doubleValue() != ((Number) b.get(i).getValue()).doubleValue()) {
                return false;
            }
        }
        return true;
    }

    private static List<Document> indexes(MongoCollection<Document> coll) {
        return coll.listIndexes().into(new ArrayList<>());
    }
}
