package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import dev.ferry.FerryException;
import dev.ferry.expr.ClosestName;
import dev.ferry.plan.FieldRule;
import dev.ferry.store.RelatedReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The related documents of one embed rule, a batch at a time: {@code find({field: {$in: keys}})} sorted by the
 * rule's {@code order_by} then {@code _id}. MongoDB keeps no foreign keys, so the rule names its match.
 */
public final class MongoRelatedDocuments implements RelatedReader {
    private static final int FETCH = 5000;

    private final MongoCollection<Document> collection;
    private final String name;
    private final List<String> related;
    private final List<String> local;
    private final Bson sort;

    public MongoRelatedDocuments(MongoStore store, FieldRule.Embed rule) {
        this.name = rule.relation();
        if (rule.match().isEmpty()) {
            throw FerryException.usage(rule.where() + ": " + rule.id() + ": " + name + " is a MongoDB collection,"
                    + " which keeps no foreign keys: name the fields with match: { <" + name + " field>: <field of the"
                    + " record> }.");
        }
        if (!store.exists(name)) {
            List<String> names = store.database().listCollectionNames().into(new ArrayList<>());
            throw FerryException.usage(rule.where() + ": " + rule.id() + ": there is no collection " + name
                    + " in database " + store.databaseName() + ClosestName.hint(name, names) + ".");
        }
        this.collection = store.collection(name);
        this.related = List.copyOf(rule.match().keySet());
        this.local = List.copyOf(rule.match().values());
        List<Bson> order = new ArrayList<>();
        for (String item : rule.orderBy()) {
            String[] parts = item.split(" ");
            order.add(parts.length > 1 && parts[1].equalsIgnoreCase("desc") ? Sorts.descending(parts[0])
                    : Sorts.ascending(parts[0]));
        }
        order.add(Sorts.ascending("_id")); // ties in the plan's order come in one order, run after run
        this.sort = Sorts.orderBy(order);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> relatedFields() {
        return related;
    }

    @Override
    public List<String> localFields() {
        return local;
    }

    @Override
    public List<Document> read(List<List<Object>> keys) {
        List<Document> out = new ArrayList<>();
        if (keys.isEmpty()) {
            return out;
        }
        Bson filter;
        if (related.size() == 1) {
            Set<Object> values = new LinkedHashSet<>();
            keys.forEach(k -> values.add(k.get(0)));
            filter = in(related.get(0), values);
        } else {
            List<Bson> tuples = new ArrayList<>(keys.size());
            for (List<Object> k : keys) {
                List<Bson> fields = new ArrayList<>();
                for (int i = 0; i < related.size(); i++) {
                    fields.add(eq(related.get(i), k.get(i)));
                }
                tuples.add(and(fields));
            }
            filter = or(tuples);
        }
        collection.find(filter).sort(sort).batchSize(FETCH).forEach(out::add);
        return out;
    }

    @Override
    public void close() {
        // the store's client is its opener's to close
    }
}
