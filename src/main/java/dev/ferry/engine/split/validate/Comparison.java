package dev.ferry.engine.split.validate;

import dev.ferry.engine.RecordComparison;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import dev.ferry.plan.Plan;
import dev.ferry.store.SourceKeys;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.transform.MappedRecord;
import dev.ferry.transform.RecordMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Finds one source record by its key as the checks print it (an ObjectId's hex, a number, a string), maps it, and
 * reads each target's document with the same id, so a failing key can be shown field by field. Reads only.
 */
public final class Comparison {

    private static final Pattern HEX_24 = Pattern.compile("[0-9a-fA-F]{24}");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");

    private final PlanStores stores;
    private final Plan plan;
    private final RecordMapper mapper;

    public Comparison(PlanStores stores, Plan plan, RecordMapper mapper) {
        this.stores = stores;
        this.plan = plan;
        this.mapper = mapper;
    }

    public RecordComparison of(String renderedKey) {
        if (plan.source().isTable() || plan.targets().stream().anyMatch(t -> t.isTable())) {
            throw new dev.ferry.FerryException("Opening one record beside its targets works for MongoDB plans; "
                    + plan.name() + " has a PostgreSQL side. The check's evidence lists the failing keys and columns.");
        }
        if (plan.embeds() || plan.fansOut()) {
            throw new dev.ferry.FerryException("Opening one record beside its targets works for plans with one"
                    + " document per target; " + plan.name() + " embeds related records or fans out. The check's"
                    + " evidence lists the failing keys and what differs.");
        }
        MongoStore store = stores.mongo("source", plan.source().collection());
        Bson byKey = in(plan.source().key(), candidates(renderedKey));
        Bson filter = plan.source().filter() == null ? byKey
                : com.mongodb.client.model.Filters.and(byKey, plan.source().filter());
        Document source = store.collection(plan.source().collection()).find(filter).batchSize(2).first();
        if (source == null) {
            return new RecordComparison(renderedKey, null, List.of(), List.of());
        }
        MappedRecord mapped = mapper.map(source);
        List<RecordComparison.TargetSide> sides = new ArrayList<>();
        mapped.targets().forEach((collection, expected) -> {
            Object id = expected.get("_id");
            Document stored = id == null ? null
                    : store.collection(collection).find(eq("_id", id)).batchSize(2).first();
            Document asStored = DocumentDiff.asStored(expected);
            sides.add(new RecordComparison.TargetSide(collection, asStored, stored,
                    stored == null ? List.of() : DocumentDiff.between(asStored, stored)));
        });
        return new RecordComparison(SourceKeys.render(SourceKeys.valueAt(source, plan.source().key())), source, sides,
                mapped.errors());
    }

    /** The values a printed key may stand for, most specific first. */
    public static List<Object> candidates(String rendered) {
        Set<Object> out = new LinkedHashSet<>();
        String text = rendered.strip();
        if (HEX_24.matcher(text).matches()) {
            out.add(new ObjectId(text));
        }
        if (INTEGER.matcher(text).matches()) {
            try {
                long n = Long.parseLong(text);
                if (n == (int) n) {
                    out.add((int) n);
                }
                out.add(n);
            } catch (NumberFormatException ignored) {
                // more digits than a long holds: only the string can match
            }
        }
        out.add(text);
        return List.copyOf(out);
    }
}
