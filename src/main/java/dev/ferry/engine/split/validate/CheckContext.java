package dev.ferry.engine.split.validate;

import com.mongodb.client.MongoCollection;
import dev.ferry.FerryException;
import dev.ferry.plan.Plan;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.transform.RecordMapper;
import org.bson.Document;

/** What every check of one validation shares: the database, the plan, its compiled mapper and the quarantine. */
public final class CheckContext {

    private final MongoStore store;
    private final Plan plan;
    private final RecordMapper mapper;
    private Quarantine quarantine;

    public CheckContext(MongoStore store, Plan plan, RecordMapper mapper) {
        this.store = store;
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
            quarantine = Quarantine.ofLatestRun(new MongoJournal(store), plan.name());
        }
        return quarantine;
    }
}
