package dev.ferry.engine.validate;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** One real in-process server per test class; each test seeds and migrates its own database on it. */
public abstract class InProcessMongo {

    private static MongoServer server;
    protected static String uri;
    protected MigrationFixture fx;

    @BeforeAll
    static void start() {
        server = new MongoServer(new MemoryBackend());
        uri = server.bindAndGetConnectionString();
    }

    @AfterAll
    static void stop() {
        server.shutdown();
    }

    @AfterEach
    void close() {
        if (fx != null) {
            fx.store.close();
        }
    }
}
