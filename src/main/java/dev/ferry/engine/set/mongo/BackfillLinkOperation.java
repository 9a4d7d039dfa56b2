package dev.ferry.engine.set.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.ferry.plan.OperationSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@code backfill_link}: writes into each document the linked document's value (users.customer_v2_id ←
 * customers_v2.id where the phones match). Before each batch the undo log keeps the pre-image of the field (absent,
 * or its old value) and the value written; each write is conditional on the field still holding its pre-image, and
 * the down restores a pre-image only where the document still holds what the up wrote. A link that matches no
 * document, or more than one, is not guessed: it is counted and left alone.
 */
final class BackfillLinkOperation implements SetOperation {

    static final String KIND = "backfill_link";

    private final OperationSpec.BackfillLink spec;

    BackfillLinkOperation(OperationSpec.BackfillLink spec) {
        this.spec = spec;
    }

    @Override
    public String describe() {
        return "set " + spec.collection() + "." + spec.field() + " to " + spec.from() + "." + spec.value()
                + " where " + spec.from() + "." + spec.fromField() + " = " + spec.collection() + "." + spec.localField();
    }

    @Override
    public Map<String, Long> apply(StepContext ctx) {
        MongoCollection<Document> coll = ctx.store().collection(spec.collection());
        Bson filter = spec.onlyMissing() ? and(spec.filter(), eq(spec.field(), null)) : spec.filter();
        long total = coll.countDocuments(filter);
        Counts counts = new Counts().add("linked", 0);
        long[] done = {0};
        KeysetBatches.forEach(coll, filter, Projections.include("_id", spec.localField(), spec.field()),
                ctx.batchSize(), batch -> {
                    ctx.checkRunning();
                    Map<Object, List<Object>> links = lookup(ctx, batch);
                    List<Document> images = new ArrayList<>();
                    for (Document doc : batch) {
                        List<Object> found = links.getOrDefault(doc.get(spec.localField()), List.of());
                        if (found.size() != 1) {
                            counts.add(found.isEmpty() ? "no_match" : "ambiguous", 1);
                        } else if (doc.containsKey(spec.field()) && java.util.Objects.equals(doc.get(spec.field()),
                                found.get(0))) {
                            counts.add("already_linked", 1);
                        } else {
                            images.add(new Document("_id", doc.get("_id")).append("had", doc.containsKey(spec.field()))
                                    .append("old", doc.get(spec.field())).append("new", found.get(0)));
                        }
                    }
                    if (!images.isEmpty()) {
                        ctx.recordUndo(KIND, new Document("collection", spec.collection())
                                .append("field", spec.field()).append("images", images));
                        counts.add("linked", write(coll, images));
                    }
                    done[0] += batch.size();
                    ctx.progress(done[0], total);
                });
        return counts.asMap();
    }

    /** Link values by this collection's match value; more than one per key means the link is ambiguous. */
    private Map<Object, List<Object>> lookup(StepContext ctx, List<Document> batch) {
        Set<Object> keys = new HashSet<>();
        batch.forEach(d -> {
            if (d.get(spec.localField()) != null) {
                keys.add(d.get(spec.localField()));
            }
        });
        Map<Object, List<Object>> links = new HashMap<>();
        if (keys.isEmpty()) {
            return links;
        }
        ctx.store().collection(spec.from()).find(in(spec.fromField(), keys))
                .projection(Projections.include(spec.fromField(), spec.value())).batchSize(1000)
                .forEach(d -> links.computeIfAbsent(d.get(spec.fromField()), k -> new ArrayList<>())
                        .add(d.get(spec.value())));
        return links;
    }

    private long write(MongoCollection<Document> coll, List<Document> images) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Document image : images) {
            Bson unchanged = image.getBoolean("had") ? eq(spec.field(), image.get("old")) : exists(spec.field(), false);
            writes.add(new UpdateOneModel<>(and(eq("_id", image.get("_id")), unchanged),
                    Updates.set(spec.field(), image.get("new"))));
        }
        return coll.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getModifiedCount();
    }

    /** Puts back each pre-image where the document still holds the value the up wrote. */
    static Map<String, Long> undo(StepContext ctx, Document entry) {
        String field = entry.getString("field");
        List<Document> images = entry.getList("images", Document.class);
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Document image : images) {
            Bson restore = image.getBoolean("had") ? Updates.set(field, image.get("old")) : Updates.unset(field);
            writes.add(new UpdateOneModel<>(and(eq("_id", image.get("_id")), eq(field, image.get("new"))), restore));
        }
        ctx.checkRunning();
        long restored = ctx.store().collection(entry.getString("collection"))
                .bulkWrite(writes, new BulkWriteOptions().ordered(false)).getModifiedCount();
        return new Counts().add("restored", restored).add("kept_changed_since", images.size() - restored).asMap();
    }
}
