package dev.ferry.engine.split;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.TargetWriter;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.postgres.PostgresTargetWriter;
import dev.ferry.store.postgres.ScratchTable;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Where the dry run times a target's writes: a scratch collection beside a collection target (bulk inserts), or a
 * scratch table of a table target's shape written through the target writer a run uses. Dropped on close.
 */
interface ScratchTarget extends AutoCloseable {

    void write(List<Document> docs);

    /** Empties it, so that timed writes insert as a run's first writes do. */
    void clear();

    @Override
    void close();

    static ScratchTarget of(PlanStores stores, TargetSpec spec, String name) {
        if (spec.isTable()) {
            return new Table(stores.postgres("target", spec.collection()), spec, stores.tableOf(spec.collection()),
                    stores.scratchSchema(), name);
        }
        return new Collection(stores.mongo("target", spec.collection()).collection(name));
    }

    /** Bulk inserts of copies with fresh ids: the sample measures write cost, not the keys. */
    record Collection(MongoCollection<Document> collection) implements ScratchTarget {
        @Override
        public void write(List<Document> docs) {
            collection.insertMany(docs.stream().map(d -> new Document(d).append("_id", new ObjectId())).toList(),
                    new InsertManyOptions().ordered(false));
        }

        @Override
        public void clear() {
            // fresh ids every time: nothing to clear
        }

        @Override
        public void close() {
            collection.drop();
        }
    }

    /** The table target's writer, on a copy of the table's shape; no undo is kept. */
    final class Table implements ScratchTarget {
        private final ScratchTable table;
        private final PostgresTargetWriter writer;

        /** @param shape the table whose shape it copies: the target, or the stand-in of a table the run would create */
        Table(PostgresStore store, TargetSpec spec, String shape, String schema, String name) {
            this.table = ScratchTable.like(store, shape, schema, name);
            try {
                this.writer = new PostgresTargetWriter(store, table.name(), PlanStores.columns(spec));
            } catch (RuntimeException e) {
                table.close();
                throw e;
            }
        }

        @Override
        public void write(List<Document> docs) {
            writer.write(docs, true, (inserted, hashes, replaced, images) -> { }, () -> { },
                    TargetWriter.Phases.NONE);
        }

        @Override
        public void clear() {
            table.truncate();
        }

        @Override
        public void close() {
            try {
                writer.close();
            } finally {
                table.close();
            }
        }
    }
}
