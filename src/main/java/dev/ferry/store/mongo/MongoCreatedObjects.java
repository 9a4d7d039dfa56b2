package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import dev.ferry.store.journal.CreatedObject;
import dev.ferry.store.journal.CreatedObjects;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Created objects as the field {@code created} of each run's document in {@code ferry_runs}. */
final class MongoCreatedObjects implements CreatedObjects {

    private final MongoCollection<Document> runs;

    MongoCreatedObjects(MongoCollection<Document> runs) {
        this.runs = runs;
    }

    @Override
    public List<CreatedObject> of(String runId) {
        Document run = runs.find(eq("_id", runId)).first();
        List<CreatedObject> out = new ArrayList<>();
        if (run != null) {
            for (Document d : run.getList("created", Document.class, List.of())) {
                out.add(new CreatedObject(CreatedObject.Kind.valueOf(d.getString("kind")), d.getString("target"),
                        d.getString("name"), d.getString("definition"),
                        CreatedObject.State.valueOf(d.getString("state"))));
            }
        }
        return out;
    }

    @Override
    public boolean record(String runId, String owner, List<CreatedObject> objects) {
        List<Document> created = objects.stream().map(o -> new Document("kind", o.kind().name())
                .append("target", o.target()).append("name", o.name()).append("definition", o.definition())
                .append("state", o.state().name())).toList();
        return runs.updateOne(and(eq("_id", runId), eq("owner", owner)), new Document("$set",
                new Document("created", created).append("updatedAt", new Date()))).getMatchedCount() == 1;
    }
}
