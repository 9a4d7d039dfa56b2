package dev.ferry.engine;

import dev.ferry.FerryException;
import dev.ferry.store.mongo.MongoStore;

/** Counts, sizes and a field inventory of every collection in a database. */
final class Assessment {
    private final MongoStore store;

    Assessment(MongoStore store) {
        this.store = store;
    }

    AssessReport assess(int sampleSize) {
        throw new FerryException("assess is being built");
    }
}
