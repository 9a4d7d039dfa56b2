package dev.ferry.demo;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ferry.FerryException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in demo: an in-process MongoDB wire-protocol server (mongo-java-server, memory backend) on 127.0.0.1,
 * seeded with runbook 000's {@code narrative_modeling.user_data}. Close it: its Netty threads keep the JVM alive.
 */
public final class DemoDatabase implements AutoCloseable {

    public static final String DATABASE = "narrative_modeling";
    public static final String COLLECTION = "user_data";
    public static final int DEFAULT_DOCS = 10_523;
    public static final int DEFAULT_PORT = 27017;
    private static final int INSERT_BATCH = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(DemoDatabase.class);

    private final MongoServer server;
    private final InetSocketAddress address;

    private DemoDatabase(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** Starts an empty server on 127.0.0.1; port 0 picks a free port. */
    public static DemoDatabase start(int port) {
        MongoServer server = new MongoServer(new MemoryBackend());
        try {
            server.bind("127.0.0.1", port);
        } catch (Exception e) { // Netty throws a checked BindException without declaring it
            server.shutdownNow();
            throw new FerryException("Cannot start the demo database on 127.0.0.1:" + port + ": " + e.getMessage()
                    + ". The port may be in use: pick another with --port, or --port 0 for a free one.", e);
        }
        DemoDatabase demo = new DemoDatabase(server, server.getLocalAddress());
        LOG.info("Demo database listening on {}", demo.connectionString());
        return demo;
    }

    /** Starts a server and seeds {@code docs} documents from the default seed. */
    public static DemoDatabase startSeeded(int port, int docs) {
        DemoDatabase demo = start(port);
        try {
            demo.seed(docs, UserDataGenerator.DEFAULT_SEED);
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    public int port() {
        return address.getPort();
    }

    /** {@code mongodb://127.0.0.1:PORT/narrative_modeling}. */
    public String connectionString() {
        return connectionString(DATABASE);
    }

    /** {@code mongodb://127.0.0.1:PORT/<database>}. */
    public String connectionString(String database) {
        return "mongodb://127.0.0.1:" + port() + "/" + database;
    }

    /** Replaces runbook 004's six collections in {@code earlybird} with generated ones ({@code orders} orders). */
    public java.util.Map<String, Integer> seedEarlybird(int orders, long seed) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString(EarlybirdDataset.DATABASE)))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            java.util.Map<String, Integer> written = EarlybirdDataset.seed(
                    client.getDatabase(EarlybirdDataset.DATABASE), orders, seed);
            LOG.info("Seeded {} into {} (seed {})", written, EarlybirdDataset.DATABASE, seed);
            return written;
        }
    }

    /** Drops {@code user_data} and fills it with {@code docs} generated documents, in insertMany batches of 1,000. */
    public void seed(int docs, long seed) {
        if (docs < 0) {
            throw new IllegalArgumentException("docs must be >= 0, was " + docs);
        }
        UserDataGenerator generator = new UserDataGenerator(seed);
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString()))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoCollection<Document> userData = client.getDatabase(DATABASE).getCollection(COLLECTION);
            if (client.getDatabase(DATABASE).listCollectionNames().into(new java.util.ArrayList<>()).contains(COLLECTION)) {
                userData.drop(); // only when present: the server logs dropping a missing collection as an error
            }
            for (int from = 0; from < docs; from += INSERT_BATCH) {
                // ordered, so natural order follows the index and _id order
                userData.insertMany(generator.documents(from, Math.min(INSERT_BATCH, docs - from)),
                        new InsertManyOptions().ordered(true));
            }
        }
        LOG.info("Seeded {} documents into {}.{} (seed {})", docs, DATABASE, COLLECTION, seed);
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
