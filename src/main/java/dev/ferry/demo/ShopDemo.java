package dev.ferry.demo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import dev.ferry.FerryException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop demo: the in-process MongoDB with a {@code listings} collection, and an embedded PostgreSQL 15 (binaries
 * from Maven Central, a throwaway cluster) with the shop schema — customers, products, orders, order_items — both
 * seeded deterministically. Close it: it stops the PostgreSQL server and removes its data.
 */
public final class ShopDemo implements AutoCloseable {
    public static final String DATABASE = "shop";
    public static final String LISTINGS = "listings";
    public static final int DEFAULT_CUSTOMERS = 1_000;
    public static final int DEFAULT_PG_PORT = 54_320;
    private static final int INSERT_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ShopDemo.class);

    private final DemoDatabase mongo;
    private final EmbeddedPostgres postgres;
    private final Map<String, Long> counts;

    private ShopDemo(DemoDatabase mongo, EmbeddedPostgres postgres, Map<String, Long> counts) {
        this.mongo = mongo;
        this.postgres = postgres;
        this.counts = counts;
    }

    /**
     * Starts both servers and seeds them: {@code customers} customers (with about five orders each and three items an
     * order) and half as many listings. Ports 0 pick free ones.
     */
    public static ShopDemo start(int mongoPort, int pgPort, int customers, long seed) {
        DemoDatabase mongo = DemoDatabase.start(mongoPort);
        EmbeddedPostgres postgres = null;
        try {
            postgres = startPostgres(pgPort);
            Map<String, Long> counts = new LinkedHashMap<>(seedPostgres(postgres, customers, seed));
            counts.put(LISTINGS, (long) seedListings(mongo, Math.max(1, customers / 2), seed));
            ShopDemo demo = new ShopDemo(mongo, postgres, counts);
            LOG.info("Shop demo ready: {} and {} ({})", demo.mongoUri(), demo.postgresUrl(), counts);
            return demo;
        } catch (RuntimeException e) {
            mongo.close();
            stopQuietly(postgres);
            throw e;
        }
    }

    /** {@code mongodb://127.0.0.1:PORT/shop}: the listings. */
    public String mongoUri() {
        return mongo.connectionString(DATABASE);
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/shop?user=shop_owner}: the shop's tables, as their owner. */
    public String postgresUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE + "?user=" + ShopSchema.OWNER;
    }

    /** Rows or documents written per table and collection. */
    public Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    private static EmbeddedPostgres startPostgres(int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1");
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException | RuntimeException e) {
            throw new FerryException("Cannot start the demo PostgreSQL server" + (port > 0 ? " on port " + port : "")
                    + ": " + e.getMessage() + ". The port may be in use: pick another with --pg-port, or --pg-port 0"
                    + " for a free one.", e);
        }
    }

    private static Map<String, Long> seedPostgres(EmbeddedPostgres postgres, int customers, long seed) {
        String base = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/";
        try (Connection admin = DriverManager.getConnection(base + "postgres?user=postgres");
             Statement s = admin.createStatement()) {
            for (String sql : ShopSchema.roles(DATABASE)) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new FerryException("Cannot create the shop database: " + e.getMessage(), e);
        }
        try (Connection owner = DriverManager.getConnection(base + DATABASE + "?user=" + ShopSchema.OWNER)) {
            owner.setAutoCommit(false);
            try (Statement s = owner.createStatement()) {
                for (String sql : ShopSchema.tables()) {
                    s.execute(sql);
                }
            }
            CopyManager copy = owner.unwrap(PGConnection.class).getCopyAPI();
            ShopRows rows = new ShopRows(seed);
            ShopRows.Sizes sizes = ShopRows.Sizes.forCustomers(customers);
            rows.customers(sizes, chunk -> copy(copy, "customers", chunk));
            rows.products(sizes, chunk -> copy(copy, "products", chunk));
            ShopRows.Counts counts = rows.orders(sizes, chunk -> copy(copy, "orders", chunk),
                    chunk -> copy(copy, "order_items", chunk));
            try (Statement s = owner.createStatement()) {
                s.execute("ANALYZE");
            }
            owner.commit();
            Map<String, Long> written = new LinkedHashMap<>();
            written.put("customers", counts.customers());
            written.put("products", counts.products());
            written.put("orders", counts.orders());
            written.put("order_items", counts.items());
            return written;
        } catch (SQLException e) {
            throw new FerryException("Cannot seed the shop database: " + e.getMessage(), e);
        }
    }

    private static void copy(CopyManager copy, String table, String chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        try {
            copy.copyIn("COPY " + table + " (" + String.join(", ", ShopRows.columns(table)) + ") FROM STDIN",
                    new StringReader(chunk));
        } catch (SQLException | IOException e) {
            throw new FerryException("Cannot seed the shop's " + table + ": " + e.getMessage(), e);
        }
    }

    private static int seedListings(DemoDatabase mongo, int listings, long seed) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.connectionString(DATABASE)))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build();
        ListingsGenerator generator = new ListingsGenerator(seed);
        try (MongoClient client = MongoClients.create(settings)) {
            MongoCollection<Document> collection = client.getDatabase(DATABASE).getCollection(LISTINGS);
            for (int from = 0; from < listings; from += INSERT_BATCH) {
                collection.insertMany(generator.documents(from, Math.min(INSERT_BATCH, listings - from)),
                        new InsertManyOptions().ordered(true));
            }
        }
        return listings;
    }

    private static void stopQuietly(EmbeddedPostgres postgres) {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Stopping the demo PostgreSQL server failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        mongo.close();
        stopQuietly(postgres);
    }
}
