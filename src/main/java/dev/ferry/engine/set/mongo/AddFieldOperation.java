package dev.ferry.engine.set.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import dev.ferry.plan.OperationSpec;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * {@code add_field}: sets a field to its default on every document that lacks it. The undo log keeps the keys of
 * exactly those documents, so the down removes the field only there — a document that already had the field keeps
 * it, and one whose value changed since the up (the application filled it in) keeps its new value.
 */
final class AddFieldOperation implements SetOperation {

    static final String KIND = "add_field";
    /** Documents an interrupted pass might leave behind (mixed _id types, inserts meanwhile) get this many more passes. */
    private static final int MAX_PASSES = 5;

    private final OperationSpec.AddField spec;

    AddFieldOperation(OperationSpec.AddField spec) {
        this.spec = spec;
    }

    @Override
    public String describe() {
        return "add " + spec.field() + " = " + Values.show(spec.value()) + " to " + spec.collection();
    }

    @Override
    public Map<String, Long> apply(StepContext ctx) {
        MongoCollection<Document> coll = ctx.store().collection(spec.collection());
        long total = coll.countDocuments(exists(spec.field(), false));
        long already = coll.countDocuments(exists(spec.field(), true));
        long[] updated = {0};
        // A keyset pass reads one _id type bracket after another and may miss documents inserted behind it; the
        // field's absence is the real condition, so passes repeat until none lacks it (or none was found).
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            long found = KeysetBatches.forEach(coll, exists(spec.field(), false), Projections.include("_id"),
                    ctx.batchSize(), batch -> {
                        ctx.checkRunning();
                        List<Object> ids = KeysetBatches.ids(batch);
                        ctx.recordUndo(KIND, new Document("collection", spec.collection())
                                .append("field", spec.field()).append("value", spec.value()).append("ids", ids));
                        updated[0] += coll.updateMany(and(in("_id", ids), exists(spec.field(), false)),
                                Updates.set(spec.field(), spec.value())).getModifiedCount();
                        ctx.progress(updated[0], total);
                    });
            if (found == 0 || coll.countDocuments(exists(spec.field(), false)) == 0) {
                break;
            }
        }
        return new Counts().add("updated", updated[0]).add("already_had_field", already).asMap();
    }

    /** Unsets the field on the recorded documents that still hold the value the up wrote. */
    static Map<String, Long> undo(StepContext ctx, Document entry) {
        String field = entry.getString("field");
        List<?> ids = entry.getList("ids", Object.class);
        ctx.checkRunning();
        long unset = ctx.store().collection(entry.getString("collection"))
                .updateMany(and(in("_id", ids), eq(field, entry.get("value")), exists(field, true)),
                        Updates.unset(field)).getModifiedCount();
        return new Counts().add("unset", unset).add("kept_changed_since", ids.size() - unset).asMap();
    }
}
