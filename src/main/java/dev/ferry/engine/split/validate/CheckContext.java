package dev.ferry.engine.split.validate;

import com.mongodb.client.MongoCollection;
import dev.ferry.FerryException;
import dev.ferry.plan.Plan;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.transform.RecordMapper;
import org.bson.Document;

/**
 * What every check of one validation shares: the MongoDB database of the plan's collections, the journal (wherever
 * it is), the plan, its compiled mapper and the quarantine.
 */
public final class CheckContext {

    private final MongoStore store;
    private final Journal journal;
    private final Plan plan;
    private final RecordMapper mapper;
    private Quarantine quarantine;
    private java.util.Set<Object> quarantinedInSource;

    /** The checks of a plan whose journal is in the same MongoDB database. */
    public CheckContext(MongoStore store, Plan plan, RecordMapper mapper) {
        this(store, new MongoJournal(store), plan, mapper);
    }

    public CheckContext(MongoStore store, Journal journal, Plan plan, RecordMapper mapper) {
        this.store = store;
        this.journal = journal;
        this.plan = plan;
        this.mapper = mapper;
    }

    public MongoStore store() {
        return store;
    }

    public Plan plan() {
        return plan;
    }

    public RecordMapper mapper() {
        return mapper;
    }

    public String sourceName() {
        return plan.source().collection();
    }

    public String key() {
        return plan.source().key();
    }

    public Document sourceFilter() {
        return plan.source().filter();
    }

    /** The source collection; fails (so the check reports "could not check") when it does not exist. */
    public MongoCollection<Document> source() {
        if (!store.exists(sourceName())) {
            throw new FerryException("The source collection " + sourceName() + " does not exist in database "
                    + store.databaseName() + ". Check the plan's source or the connection string.");
        }
        return store.collection(sourceName());
    }

    /** The records the plan's latest run quarantined, read once per validation. */
    public Quarantine quarantine() {
        if (quarantine == null) {
            quarantine = Quarantine.ofLatestRun(journal, plan.name());
        }
        return quarantine;
    }

    /**
     * The quarantined records the source holds under the plan's filter, by their keys as the source has them, read
     * once: the count check counts these and the sample and checksum checks skip these, so all say the same number.
     */
    public java.util.Set<Object> quarantinedInSource() {
        if (quarantinedInSource == null) {
            quarantinedInSource = java.util.Set.copyOf(quarantine().keysIn(source(), key(), sourceFilter()));
        }
        return quarantinedInSource;
    }
}
