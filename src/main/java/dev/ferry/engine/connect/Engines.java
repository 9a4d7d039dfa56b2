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
     * Connects to {@code uri} and, for plans with a {@code table:} source or target, to the PostgreSQL database of
     * those tables ({@code tablesUri}, or null for none); the journal stays in {@code uri}'s database.
     */
    public static MigrationEngine connect(String uri, String tablesUri) {
        if (PostgresStore.isPostgresUri(uri)) {
            return new PostgresDatabase(VerbConnection.to(uri));
        }
        SplitEngine split = SplitEngine.connect(uri);
        if (tablesUri == null) {
            return new MongoDatabase(split);
        }
        try {
            return new MongoDatabase(split.withSource(tablesUri));
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
