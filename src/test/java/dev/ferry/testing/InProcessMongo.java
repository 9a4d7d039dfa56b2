package dev.ferry.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** A real MongoDB wire-protocol server in this JVM (mongo-java-server, memory backend), for tests. */
public final class InProcessMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final String base;
    private final MongoClient client;

    public InProcessMongo() {
        base = server.bindAndGetConnectionString();
        client = MongoClients.create(base);
    }

    /** The server's connection string, naming no database. */
    public String connectionString() {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** A connection string to database {@code db} on this server. */
    public String uri(String db) {
        return base + (base.endsWith("/") ? "" : "/") + db;
    }

    public MongoDatabase database(String db) {
        return client.getDatabase(db);
    }

    public MongoServer server() {
        return server;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
