package dev.ferry.engine;

import dev.ferry.plan.Plan;
import dev.ferry.store.mongo.MongoStore;
import java.util.List;

/**
 * The engine's facade: one verb a method, each returning a result object that the CLI prints and the
 * console shows. Opened on one database; close it when done.
 */
public final class Ferry implements AutoCloseable {

    private final MongoStore store;

    private Ferry(MongoStore store) {
        this.store = store;
    }

    /** Connects to the database named in the URI; fails with a one-line reason when it cannot. */
    public static Ferry connect(String uri) {
        return new Ferry(MongoStore.connect(uri));
    }

    public MongoStore store() {
        return store;
    }

    public AssessReport assess(int sampleSize) {
        return new Assessment(store).assess(sampleSize);
    }

    public ValidationReport validate(Plan plan) {
        return new Validation(store).validate(plan);
    }

    @Override
    public void close() {
        store.close();
    }
}
