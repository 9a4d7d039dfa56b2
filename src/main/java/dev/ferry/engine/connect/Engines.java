package dev.ferry.engine.connect;

import dev.ferry.FerryException;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.postgres.VerbConnection;
import dev.ferry.engine.set.SetEngine;
import dev.ferry.engine.set.mongo.MongoSetEngine;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.store.postgres.PostgresStore;
import java.util.Optional;

/**
 * The one place that knows every engine: opens the database a URI names ({@code jdbc:postgresql://…} PostgreSQL,
 * anything else MongoDB) with the engines of the plan kinds it runs. Front ends open databases here and then speak
 * only the engine API.
 */
public final class Engines {

    private Engines() {
    }

    /** Connects to {@code uri}; fails with a one-line reason when it cannot. */
    public static MigrationEngine connect(String uri) {
        return connect(uri, null);
    }

    /**
     * Connects to {@code uri}, whose database keeps the journal, and to the other database of a split plan that reads
     * or writes both kinds ({@code otherUri}, or null for none): the PostgreSQL database of its tables when
     * {@code uri} is MongoDB, the MongoDB database of its collections when {@code uri} is PostgreSQL.
     */
    public static MigrationEngine connect(String uri, String otherUri) {
        String other = otherUri == null || otherUri.equals(uri) ? null : otherUri;
        if (PostgresStore.isPostgresUri(uri)) {
            VerbConnection db = VerbConnection.to(uri);
            return new PostgresDatabase(db, withOther(SplitEngine.connect(uri), other));
        }
        return new MongoDatabase(withOther(SplitEngine.connect(uri), other));
    }

    private static SplitEngine withOther(SplitEngine split, String other) {
        if (other == null) {
            return split;
        }
        try {
            return split.withSource(other);
        } catch (RuntimeException e) {
            split.close();
            throw e;
        }
    }

    /** The versioned migration sets of a connected database: MongoDB runs them; PostgreSQL has none. */
    public static Optional<SetEngine> sets(MigrationEngine engine) {
        return engine instanceof MongoDatabase mongo ? Optional.of(MongoSetEngine.on(mongo.split().store()))
                : Optional.empty();
    }

    /** Connects to {@code uri} for its versioned migration sets; refused for a PostgreSQL URI. */
    public static SetEngine sets(String uri) {
        if (PostgresStore.isPostgresUri(uri)) {
            throw FerryException.usage("Versioned migration sets run on MongoDB, and this URI names a PostgreSQL"
                    + " database: pass a mongodb:// URI.");
        }
        return MongoSetEngine.connect(uri);
    }
}
