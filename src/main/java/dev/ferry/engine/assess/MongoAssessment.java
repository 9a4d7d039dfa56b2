package dev.ferry.engine.assess;

import dev.ferry.engine.AssessReport;

import com.mongodb.client.MongoCollection;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.store.mongo.MongoStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts, sizes and a field inventory of every collection in a database. Sizes are measured client-side over a
 * sample ({@code $bsonSize} and real {@code collStats} sizes are missing on the demo server), so they are estimates.
 */
public final class MongoAssessment {
    /** Ferry's own journal collections ({@link MongoJournal#RUNS} and siblings) are not user data. */
    public static final String JOURNAL_PREFIX = MongoJournal.PREFIX;
    private static final int MAX_FETCH = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(MongoAssessment.class);

    private final MongoStore store;

    public MongoAssessment(MongoStore store) {
        this.store = store;
    }

    public AssessReport assess(int sampleSize) {
        if (sampleSize < 1) {
            throw new IllegalArgumentException("sample size must be at least 1, was " + sampleSize);
        }
        List<AssessReport.CollectionStats> collections = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String name : new TreeSet<>(store.database().listCollectionNames().into(new ArrayList<>()))) {
            if (name.startsWith(JOURNAL_PREFIX) || name.startsWith("system.")) {
                skipped.add(name);
                continue;
            }
            collections.add(collection(name, sampleSize));
        }
        if (!skipped.isEmpty()) {
            LOG.info("assess skipped Ferry's journal and system collections: {}", skipped);
        }
        return new AssessReport(store.databaseName(), Instant.now(), collections, skipped);
    }

    private AssessReport.CollectionStats collection(String name, int sampleSize) {
        MongoCollection<Document> coll = store.collection(name);
        long count = coll.countDocuments();
        FieldInventory inventory = new FieldInventory();
        long sampled = 0;
        long totalSize = 0;
        long maxSize = 0;
        // natural order, first N: cheap and repeatable; batchSize always set (the demo server ignores the 16 MB cap)
        for (Document doc : coll.find().limit(sampleSize).batchSize(Math.min(sampleSize, MAX_FETCH))) {
            int size = DocumentChecksum.bsonSize(doc);
            sampled++;
            totalSize += size;
            maxSize = Math.max(maxSize, size);
            inventory.add(doc);
        }
        double avg = sampled == 0 ? 0 : (double) totalSize / sampled;
        int indexes = coll.listIndexes().into(new ArrayList<>()).size();
        return new AssessReport.CollectionStats(name, count, sampled, avg, maxSize, Math.round(count * avg), indexes,
                inventory.fields(sampled));
    }
}
