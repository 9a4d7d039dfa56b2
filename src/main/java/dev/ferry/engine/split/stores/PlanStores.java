package dev.ferry.engine.split.stores;

import dev.ferry.FerryException;
import dev.ferry.plan.Plan;
import dev.ferry.plan.SourceSpec;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.SourceReader;
import dev.ferry.store.TargetWriter;
import dev.ferry.store.mongo.MongoBatchReader;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.store.mongo.MongoTargetWriter;
import dev.ferry.store.postgres.PostgresBatchReader;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.postgres.PostgresTargetWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stores a plan reads and writes: its MongoDB database (which always holds the journal, undo log, quarantine
 * and lease) and, for plans with a {@code table:} source or target, a PostgreSQL database. Opens the reader and
 * the writers of the side each name lives on.
 */
public final class PlanStores {

    private final MongoStore mongo;
    private final PostgresStore postgres;

    public PlanStores(MongoStore mongo, PostgresStore postgres) {
        this.mongo = mongo;
        this.postgres = postgres;
    }

    public MongoStore mongo() {
        return mongo;
    }

    /** A reader of the plan's source, starting after {@code afterKey} (null: from the first record). */
    public SourceReader reader(SourceSpec source, Object afterKey, int batchSize) {
        if (source.isTable()) {
            return new PostgresBatchReader(postgres("source", source.collection()), source, afterKey, batchSize);
        }
        return new MongoBatchReader(mongo, source, afterKey, batchSize);
    }

    public SourceReader reader(Plan plan, Object afterKey, int batchSize) {
        return reader(plan.source(), afterKey, batchSize);
    }

    /** The writers of the plan's targets, opened as first asked for; a name the plan does not list is a collection. */
    public Writers writers(Plan plan) {
        return new Writers(plan);
    }

    private PostgresStore postgres(String side, String table) {
        if (postgres == null) {
            throw FerryException.usage("The plan's " + side + " is the PostgreSQL table " + table + ", but no"
                    + " PostgreSQL database is connected. Give it with --" + side + "-uri jdbc:postgresql://host:5432/db"
                    + " (the journal stays in the MongoDB database of --uri).");
        }
        return postgres;
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
                    return new PostgresTargetWriter(postgres("target", n), n, columns(spec));
                }
                return new MongoTargetWriter(mongo, n);
            });
        }

        /** The columns a table target's fields write: their top-level names (a dotted field fills a jsonb column). */
        private List<String> columns(TargetSpec spec) {
            return spec.fields().keySet().stream().map(f -> f.contains(".") ? f.substring(0, f.indexOf('.')) : f)
                    .filter(f -> !f.equals("_id")).distinct().toList();
        }

        @Override
        public synchronized void close() {
            open.values().forEach(TargetWriter::close);
            open.clear();
        }
    }
}
