package dev.ferry.testing;

import dev.ferry.engine.connect.Engines;

import dev.ferry.demo.DemoDatabase;
import dev.ferry.demo.UserDataGenerator;
import dev.ferry.service.ImmediateTaskExecutor;
import dev.ferry.service.PlanService;
import dev.ferry.service.Session;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a view-model test needs: a session connected to a real in-process MongoDB holding runbook 000's
 * {@code user_data} (generated), the built-in plan open, and an executor that runs everything inline.
 */
public final class ConsoleFixture implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final InProcessMongo MONGO = new InProcessMongo();

    public final ImmediateTaskExecutor executor = new ImmediateTaskExecutor();
    public final Session session = new Session();
    public final String uri;
    public final String database;

    public ConsoleFixture(int docs) {
        database = "console_" + DATABASES.incrementAndGet();
        uri = MONGO.uri(database);
        if (docs > 0) {
            UserDataGenerator generator = new UserDataGenerator(UserDataGenerator.DEFAULT_SEED);
            for (int from = 0; from < docs; from += 1_000) {
                MONGO.database(database).getCollection(DemoDatabase.COLLECTION)
                        .insertMany(generator.documents(from, Math.min(1_000, docs - from)));
            }
        }
        session.connected(Engines.connect(uri), uri);
        session.planOpened(PlanService.bundled());
    }

    public com.mongodb.client.MongoDatabase mongo() {
        return MONGO.database(database);
    }

    @Override
    public void close() {
        session.engine().close();
        executor.close();
    }
}
