package dev.ferry.engine.split.validate;

import dev.ferry.store.SourceKeys;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import dev.ferry.plan.BatchSpec;
import dev.ferry.plan.CheckSpec;
import dev.ferry.plan.FieldRule;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.plan.RollbackSpec;
import dev.ferry.plan.SourceSpec;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.transform.FieldError;
import dev.ferry.transform.MappedRecord;
import dev.ferry.transform.RecordMapper;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A small runbook-000-like split, migrated the way a run would: source {@code user_data} records, a mapper into
 * {@code dataset_metadata} and {@code transformation_configs}, targets upserted by {@code _id}, records that fail
 * to map put in {@code ferry_quarantine} under a run in {@code ferry_runs}.
 */
public final class MigrationFixture {

    public static final String SOURCE = "user_data";
    public static final String METADATA = "dataset_metadata";
    public static final String CONFIGS = "transformation_configs";
    public static final String RUN = "run-1";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** Copies a few fields, coalesces row_count/num_rows, nests contains_pii, counts the history; fails on a bad history item. */
    public static final RecordMapper MAPPER = source -> {
        Object id = source.get("_id");
        List<FieldError> errors = new ArrayList<>();
        List<?> history = source.getList("transformation_history", Object.class, List.of());
        for (Object item : history) {
            if (!(item instanceof Document)) {
                errors.add(new FieldError(CONFIGS, "transformation_steps", "history item is not an object: " + item));
            }
        }
        Object rows = source.get("row_count") != null ? source.get("row_count") : source.get("num_rows");
        Document metadata = new Document("_id", id)
                .append("user_id", source.get("user_id"))
                .append("filename", source.get("filename"))
                .append("num_rows", rows)
                .append("pii_report", new Document("contains_pii", source.getBoolean("contains_pii", false)))
                .append("file_type", source.get("file_type") == null ? "csv" : source.get("file_type"));
        Document config = new Document("_id", id)
                .append("config_id", SourceKeys.render(id) + "_config")
                .append("total_transformations", history.size())
                .append("is_applied", !history.isEmpty());
        return new MappedRecord(id, Map.of(METADATA, metadata, CONFIGS, config), errors);
    };

    public final MongoStore store;
    public final List<ObjectId> keys = new ArrayList<>();
    public final List<ObjectId> quarantined = new ArrayList<>();

    private MigrationFixture(MongoStore store) {
        this.store = store;
    }

    /**
     * A fresh database with {@code records} sources; every {@code badEvery}-th record (from the 7th) fails to map,
     * every {@code archivedEvery}-th is archived (0: none).
     */
    public static MigrationFixture seed(String connectionString, int records, int badEvery, int archivedEvery) {
        MigrationFixture f = new MigrationFixture(
                MongoStore.connect(connectionString + "/db" + DATABASES.incrementAndGet()));
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            ObjectId id = new ObjectId(new Date(1_700_000_000_000L + i * 1000L), i);
            f.keys.add(id);
            List<Object> history = new ArrayList<>();
            for (int h = 0; h < i % 3; h++) {
                history.add(new Document("op", "drop_nulls").append("at", new Date(1_700_000_000_000L + h)));
            }
            if (badEvery > 0 && i % badEvery == 7) {
                history.add("corrupt");
            }
            Document d = new Document("_id", id).append("user_id", "user-" + (i % 50)).append("filename", "f" + i + ".csv")
                    .append("contains_pii", i % 4 == 0).append("transformation_history", history);
            if (i % 5 == 0) {
                d.append("row_count", i * 10);
            } else {
                d.append("num_rows", (long) i);
            }
            if (i % 7 != 0) {
                d.append("file_type", "parquet");
            }
            if (archivedEvery > 0 && i % archivedEvery == 3) {
                d.append("archived", true);
            }
            docs.add(d);
        }
        f.store.collection(SOURCE).insertMany(docs);
        return f;
    }

    public Plan plan(Document sourceFilter, List<CheckSpec> checks) {
        FieldRule id = FieldRule.from("_id");
        return new Plan("split-user-data", null, "h1", new SourceSpec(SOURCE, sourceFilter, "_id"), new BatchSpec(1000),
                List.of(new TargetSpec(METADATA, id, Map.of()), new TargetSpec(CONFIGS, id, Map.of())),
                Guardrails.none(), checks, RollbackSpec.defaults());
    }

    /** Does what a run of the plan does: maps each source, upserts the targets by _id, quarantines failures. */
    public MigrationFixture migrate(Plan plan) {
        // the journal as every version has laid it out: the engine reads these documents through its interface
        store.collection(MongoJournal.RUNS).insertOne(new Document("_id", RUN).append("plan", plan.name()).append("startedAt", new Date()));
        Map<String, List<WriteModel<Document>>> writes = new HashMap<>();
        for (Document source : store.collection(SOURCE).find(plan.source().filter()).batchSize(1000)) {
            MappedRecord r = MAPPER.map(source);
            if (!r.ok()) {
                quarantined.add((ObjectId) r.sourceKey());
                store.collection(MongoJournal.QUARANTINE).insertOne(new Document("_id", new Document("run", RUN).append("key", r.sourceKey()))
                        .append("run", RUN).append("plan", plan.name()).append("key", r.sourceKey())
                        .append("reason", "transform failed").append("errors", r.errors().stream().map(String::valueOf).toList())
                        .append("source", source).append("at", new Date()));
                continue;
            }
            r.targets().forEach((target, doc) -> writes.computeIfAbsent(target, t -> new ArrayList<>())
                    .add(new ReplaceOneModel<>(new Document("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true))));
        }
        writes.forEach((target, models) -> store.collection(target).bulkWrite(models));
        return this;
    }

    public MongoCollection<Document> target(String name) {
        return store.collection(name);
    }

    /** A migrated record that was not quarantined, by position. */
    public ObjectId migratedKey(int index) {
        return keys.stream().filter(k -> !quarantined.contains(k)).skip(index).findFirst().orElseThrow();
    }
}
