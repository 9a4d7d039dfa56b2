package dev.ferry.engine.split.validate;

import dev.ferry.testing.InProcessMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** One real in-process server per test class; each test seeds and migrates its own database on it. */
public abstract class OneServerPerClass {

    private static InProcessMongo server;
    protected static String uri;
    protected MigrationFixture fx;

    @BeforeAll
    static void start() {
        server = new InProcessMongo();
        uri = server.connectionString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void close() {
        if (fx != null) {
            fx.store.close();
        }
    }
}
