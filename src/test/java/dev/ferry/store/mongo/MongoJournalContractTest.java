package dev.ferry.store.mongo;

import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.JournalContractTest;
import dev.ferry.testing.InProcessMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/** The journal contract for MongoDB: {@link MongoJournal} in a database of its own per test, on mongo-java-server. */
class MongoJournalContractTest extends JournalContractTest {

    private static final InProcessMongo MONGO = new InProcessMongo();
    private final List<MongoStore> open = new ArrayList<>();

    @Override
    protected Journal journal() {
        MongoStore store = MongoStore.connect(MONGO.uri("journal_" + UUID.randomUUID().toString().substring(0, 8)));
        open.add(store);
        return new MongoJournal(store);
    }

    @AfterEach
    void disconnect() {
        open.forEach(MongoStore::close);
    }

    @AfterAll
    static void stop() {
        MONGO.close();
    }
}
