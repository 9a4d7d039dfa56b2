package dev.ferry.engine.split.stores;

import dev.ferry.FerryException;
import dev.ferry.engine.split.related.JoiningReader;
import dev.ferry.engine.split.related.RelatedFetch;
import dev.ferry.plan.Plan;
import dev.ferry.plan.SourceSpec;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.SourceReader;
import dev.ferry.store.TargetWriter;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.mongo.MongoBatchReader;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.store.mongo.MongoTargetWriter;
import dev.ferry.store.postgres.PostgresBatchReader;
import dev.ferry.store.postgres.journal.PostgresRunJournal;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.postgres.PostgresTargetWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stores a split plan reads and writes, and its journal. The journal is in the database of {@code --uri}: a
 * MongoDB database keeps it in {@code ferry_*} collections, a PostgreSQL database in its schema {@code ferry}. The
 * plan's collections are read and written in the MongoDB database and its tables in the PostgreSQL one, whichever of
 * the two is {@code --uri} and which is the other ({@code --source-uri}/{@code --target-uri}).
 */
public final class PlanStores implements AutoCloseable {

    private final MongoStore mongo;
    private final PostgresStore postgres;
    private final Journal journal;
    private final boolean journalInMongo;
    /** Table targets a dry run reads and writes as scratch tables of their shape, because the run would create them. */
    private final Map<String, String> standIns = new java.util.concurrent.ConcurrentHashMap<>();

    private PlanStores(MongoStore mongo, PostgresStore postgres, boolean journalInMongo) {
        this.mongo = mongo;
        this.postgres = postgres;
        this.journalInMongo = journalInMongo;
        this.journal = journalInMongo ? new MongoJournal(mongo) : new PostgresRunJournal(postgres);
    }

    /** The journal in this MongoDB database; {@code postgres} (or null) holds the plan's tables. */
    public static PlanStores journalInMongo(MongoStore mongo, PostgresStore postgres) {
        return new PlanStores(mongo, postgres, true);
    }

    /** The journal in this PostgreSQL database (schema {@code ferry}); {@code mongo} (or null) holds the collections. */
    public static PlanStores journalInPostgres(PostgresStore postgres, MongoStore mongo) {
        return new PlanStores(mongo, postgres, false);
    }

    public Journal journal() {
        return journal;
    }

    /** The MongoDB database of the plan's collections, or null when none is connected. */
    public MongoStore mongoOrNull() {
        return mongo;
    }

    /** The PostgreSQL database of the plan's tables, or null when none is connected. */
    public PostgresStore postgresOrNull() {
        return postgres;
    }

    /** The MongoDB database of a collection on {@code side} ("source", "target"); refused when none is connected. */
    public MongoStore mongo(String side, String collection) {
        if (mongo == null) {
            throw FerryException.usage("The plan's " + side + " is the MongoDB collection " + collection + ", but no"
                    + " MongoDB database is connected. Give it with --" + side + "-uri mongodb://host:27017/db"
                    + " (the journal stays in the PostgreSQL database of --uri).");
        }
        return mongo;
    }

    /** The PostgreSQL database of a table on {@code side} ("source", "target"); refused when none is connected. */
    public PostgresStore postgres(String side, String table) {
        if (postgres == null) {
            throw FerryException.usage("The plan's " + side + " is the PostgreSQL table " + table + ", but no"
                    + " PostgreSQL database is connected. Give it with --" + side + "-uri jdbc:postgresql://host:5432/db"
                    + " (the journal stays in the MongoDB database of --uri).");
        }
        return postgres;
    }

    /** A reader of the plan's source, starting after {@code afterKey} (null: from the first record). */
    public SourceReader reader(SourceSpec source, Object afterKey, int batchSize) {
        if (source.isTable()) {
            return new PostgresBatchReader(postgres("source", source.collection()), source, afterKey, batchSize);
        }
        return new MongoBatchReader(mongo("source", source.collection()), source, afterKey, batchSize);
    }

    /**
     * A reader of the plan's source; when the plan embeds related records, its records come joined with them, read a
     * batch at a time from the source's database.
     */
    public SourceReader reader(Plan plan, Object afterKey, int batchSize) {
        SourceReader source = reader(plan.source(), afterKey, batchSize);
        if (!plan.embeds()) {
            return source;
        }
        try {
            RelatedFetch related = plan.source().isTable()
                    ? RelatedFetch.on(postgres("source", plan.source().collection()), plan)
                    : RelatedFetch.on(mongo("source", plan.source().collection()), plan);
            return new JoiningReader(source, related);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** While a dry run lasts, the table target {@code target} (missing yet) is the scratch table {@code table}. */
    public void standIn(String target, String table) {
        standIns.put(target, table);
    }

    public void clearStandIns() {
        standIns.clear();
    }

    /** The table a table target is read and written as: itself, or its stand-in during a dry run. */
    public String tableOf(String target) {
        return standIns.getOrDefault(target, target);
    }

    /** The writers of the plan's targets, opened as first asked for; a name the plan does not list is a collection. */
    public Writers writers(Plan plan) {
        return new Writers(plan);
    }

    /** The columns a table target's fields write: their top-level names (a dotted field fills a jsonb column). */
    public static List<String> columns(TargetSpec spec) {
        return spec.fields().keySet().stream().map(f -> f.contains(".") ? f.substring(0, f.indexOf('.')) : f)
                .filter(f -> !f.equals("_id")).distinct().toList();
    }

    /** Closes the journal's own connection (if it has one); the stores are their opener's to close. */
    @Override
    public void close() {
        if (journal instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new FerryException("Could not close the journal of " + journal.location() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Where the dry run puts scratch copies of table targets: Ferry's own schema when the journal is in PostgreSQL
     * (made here if it is not yet: Ferry may create tables there), else null: beside each table.
     */
    public String scratchSchema() {
        if (journal instanceof PostgresRunJournal pg) {
            pg.prepare();
            return pg.schema();
        }
        return null;
    }

    /**
     * Refuses a plan of collections only when the journal is in PostgreSQL: its journal goes where its data is, so it
     * runs connected to its MongoDB database.
     */
    public void refuseJournalAwayFromTheData(Plan plan) {
        if (!journalInMongo && !plan.source().isTable() && plan.targets().stream().noneMatch(TargetSpec::isTable)) {
            throw FerryException.usage("Plan " + plan.name() + " reads and writes MongoDB collections only (source "
                    + plan.source().collection() + "); connect to its MongoDB database to run it — its journal goes"
                    + " there, not into this PostgreSQL database.");
        }
    }

    /** True when the journal is in the MongoDB database. */
    public boolean journalInMongo() {
        return journalInMongo;
    }

    /** Target writers by target name; closing closes them all. */
    public final class Writers implements AutoCloseable {
        private final Plan plan;
        private final Map<String, TargetWriter> open = new LinkedHashMap<>();

        private Writers(Plan plan) {
            this.plan = plan;
        }

        public synchronized TargetWriter get(String name) {
            return open.computeIfAbsent(name, n -> {
                TargetSpec spec = plan.targets().stream().filter(t -> t.collection().equals(n)).findFirst().orElse(null);
                if (spec != null && spec.isTable()) {
                    return new PostgresTargetWriter(postgres("target", n), tableOf(n), columns(spec));
                }
                return new MongoTargetWriter(mongo("target", n), n);
            });
        }

        @Override
        public synchronized void close() {
            open.values().forEach(TargetWriter::close);
            open.clear();
        }
    }
}
