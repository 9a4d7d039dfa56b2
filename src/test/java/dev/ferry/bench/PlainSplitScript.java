package dev.ferry.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bson.Document;

/**
 * What a user would write instead of Ferry: runbook 000's migration script the way its template lays it out — read
 * user_data in batches of 1,000 with the official driver, map each document to its dataset_metadata and its
 * transformation_configs document (the runbook's two field-mapping tables, by hand), insertMany both targets
 * concurrently, print a line per batch. No checkpoint, no undo log, no quarantine log: a record that fails to map
 * (a step without an operation or a readable timestamp, a schema field without a name) is skipped and counted, as
 * a try/except around the mapping would. The benchmark ({@link SplitAgainstScriptBenchmark}) runs it as a process of its own.
 *
 * <p>Arguments: the MongoDB connection string (with the database) and the batch size.
 */
public final class PlainSplitScript {

    private PlainSplitScript() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long start = System.nanoTime();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase db = client.getDatabase(new com.mongodb.ConnectionString(uri).getDatabase());
            MongoCollection<Document> source = db.getCollection("user_data");
            MongoCollection<Document> metadata = db.getCollection("dataset_metadata");
            MongoCollection<Document> configs = db.getCollection("transformation_configs");
            ExecutorService writers = Executors.newFixedThreadPool(2);
            long total = source.countDocuments();
            long done = 0;
            long skipped = 0;
            int batch = 0;
            try (MongoCursor<Document> cursor = source.find().sort(Sorts.ascending("_id")).batchSize(batchSize)
                    .iterator()) {
                while (cursor.hasNext()) {
                    long t0 = System.nanoTime();
                    List<Document> dm = new ArrayList<>(batchSize);
                    List<Document> tc = new ArrayList<>(batchSize);
                    int read = 0;
                    while (cursor.hasNext() && read < batchSize) {
                        Document d = cursor.next();
                        read++;
                        try {
                            Document m = datasetMetadata(d);
                            Document c = transformationConfig(d);
                            dm.add(m);
                            tc.add(c);
                        } catch (RuntimeException e) {
                            skipped++;
                        }
                    }
                    if (dm.isEmpty()) {
                        continue;
                    }
                    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> metadata.insertMany(dm), writers);
                    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> configs.insertMany(tc), writers);
                    CompletableFuture.allOf(a, b).join();
                    done += dm.size();
                    batch++;
                    System.out.printf("Batch %d/%d: Migrated %,d docs (took %.1fs)%n", batch,
                            (total + batchSize - 1) / batchSize, dm.size(), (System.nanoTime() - t0) / 1e9);
                }
            }
            writers.shutdown();
            System.out.printf("Migration complete: %,d docs in %.1fs (%,d skipped)%n", done,
                    (System.nanoTime() - start) / 1e9, skipped);
        }
    }

    /** DM: the runbook's UserData → DatasetMetadata table. */
    static Document datasetMetadata(Document u) {
        Document d = new Document("_id", u.get("_id"));
        d.put("dataset_id", datasetId(u));
        copy(u, d, "user_id", "user_id");
        copy(u, d, "filename", "filename");
        copy(u, d, "original_filename", "original_filename");
        copy(u, d, "s3_url", "s3_url");
        d.put("num_rows", u.get("row_count") != null ? u.get("row_count") : u.get("num_rows"));
        copy(u, d, "num_columns", "num_columns");
        List<Document> schema = new ArrayList<>();
        for (Object o : list(u.get("data_schema"))) {
            Document f = (Document) o;
            if (f.get("name") == null) {
                throw new IllegalStateException("data_schema field without a name in " + u.get("_id"));
            }
            schema.add(new Document("name", f.get("name")).append("data_type", f.get("type"))
                    .append("nullable", f.get("nullable") == null ? Boolean.TRUE : f.get("nullable"))
                    .append("sample_values", f.get("sample_values") == null ? List.of() : f.get("sample_values")));
        }
        d.put("data_schema", schema);
        d.put("pii_report", new Document("contains_pii", u.get("contains_pii"))
                .append("detection_details", u.get("pii_report")).append("risk_level", u.get("pii_risk_level"))
                .append("masked", u.get("pii_masked")));
        copy(u, d, "is_processed", "is_processed");
        copy(u, d, "processed_at", "processed_at");
        copy(u, d, "schema", "inferred_schema");
        copy(u, d, "statistics", "statistics");
        copy(u, d, "quality_report", "quality_report");
        copy(u, d, "data_preview", "data_preview");
        copy(u, d, "aiSummary", "ai_summary");
        d.put("file_type", u.get("file_type") == null ? "csv" : u.get("file_type"));
        copy(u, d, "onboarding_progress", "onboarding_progress");
        copy(u, d, "created_at", "created_at");
        copy(u, d, "updated_at", "updated_at");
        return d;
    }

    /** TC: the runbook's UserData → TransformationConfig table. */
    static Document transformationConfig(Document u) {
        Document d = new Document("_id", u.get("_id"));
        copy(u, d, "user_id", "user_id");
        String datasetId = datasetId(u);
        d.put("dataset_id", datasetId);
        d.put("config_id", datasetId + "_config");
        List<?> history = list(u.get("transformation_history"));
        List<Document> steps = new ArrayList<>();
        int order = 1;
        for (Object o : history) {
            Document h = (Document) o;
            if (h.get("operation") == null || h.get("timestamp") == null) {
                throw new IllegalStateException("transformation step without operation or timestamp");
            }
            steps.add(new Document("order", order).append("step_id", "step_" + order)
                    .append("operation", h.get("operation"))
                    .append("parameters", h.get("parameters") == null ? new Document() : h.get("parameters"))
                    .append("applied_at", date(h.get("timestamp"))).append("applied_by", h.get("user")));
            order++;
        }
        d.put("transformation_steps", steps);
        copy(u, d, "file_path", "current_file_path");
        d.put("is_applied", !history.isEmpty());
        if (!history.isEmpty()) {
            d.put("applied_at", u.get("updated_at"));
        }
        d.put("total_transformations", history.size());
        copy(u, d, "created_at", "created_at");
        copy(u, d, "updated_at", "updated_at");
        return d;
    }

    /** "Use document ID or generate UUID" (the same for both targets: derived from the source _id). */
    private static String datasetId(Document u) {
        Object id = u.get("id");
        return id != null ? id.toString()
                : UUID.nameUUIDFromBytes(String.valueOf(u.get("_id")).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Object date(Object v) {
        if (v instanceof String s) {
            try {
                return Date.from(OffsetDateTime.parse(s).toInstant());
            } catch (RuntimeException e) {
                return Date.from(Instant.parse(s));
            }
        }
        return v;
    }

    private static List<?> list(Object v) {
        return v instanceof List<?> l ? l : List.of();
    }

    private static void copy(Map<String, Object> from, Document to, String field, String as) {
        if (from.containsKey(field)) {
            to.put(as, from.get(field));
        }
    }
}
