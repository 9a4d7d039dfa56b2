package dev.ferry.service;

import dev.ferry.demo.DemoDatabase;
import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.connect.Engines;
import dev.ferry.store.Secrets;
import java.util.function.Consumer;

/**
 * Opens connections for the console (and the built-in demo database) in the background; the session learns the
 * outcome, and a failure is shown in words where the operator asked for it.
 */
public final class ConnectionService implements AutoCloseable {

    /** Documents in the demo's user_data: runbook 000's own count unless {@code -Dferry.demo.docs} says otherwise. */
    public static final int DEMO_DOCS = Integer.getInteger("ferry.demo.docs", DemoDatabase.DEFAULT_DOCS);

    /** Customers in the console's shop demo: {@code -Dferry.demo.customers}, else a size that starts in seconds. */
    public static final int SHOP_CUSTOMERS = Integer.getInteger("ferry.demo.customers",
            dev.ferry.demo.ShopDemo.DEFAULT_CUSTOMERS);

    private final TaskExecutor executor;
    private final Session session;
    private final String demoMode;
    private volatile DemoServer demo;
    private volatile DemoServer shopDemo;

    /** The shop demo's two databases: the listings in MongoDB, the shop's tables in PostgreSQL. */
    public record DemoAddresses(String mongoUri, String postgresUrl) { }

    /** The demo database in a process of its own unless {@code -Dferry.demo.process=in-process}. */
    public ConnectionService(TaskExecutor executor, Session session) {
        this(executor, session, System.getProperty("ferry.demo.process", "child"));
    }

    /** @param demoMode "child" (the demo database in a JVM of its own) or "in-process" */
    public ConnectionService(TaskExecutor executor, Session session, String demoMode) {
        this.executor = executor;
        this.session = session;
        this.demoMode = demoMode;
    }

    /** How the console names a connection: its address with any password hidden. */
    public static String label(String uri) {
        return Secrets.redact(uri);
    }

    /**
     * Connects the session to {@code uri} (MongoDB, or PostgreSQL for {@code jdbc:postgresql://…}); {@code done} gets
     * null on success, else the reason in words.
     */
    public void connect(String uri, Consumer<String> done) {
        connect(uri, null, done);
    }

    /**
     * Connects to {@code uri} (the journal's database) with {@code otherUri} beside it (or null): the other kind of
     * database a cross-store split plan reads or writes.
     */
    public void connect(String uri, String otherUri, Consumer<String> done) {
        String label = otherUri == null ? label(uri) : label(uri) + " + " + label(otherUri);
        session.connecting(label);
        executor.execute(BackgroundTask.of("connect", () -> Engines.connect(uri, otherUri))
                .onSuccess(ferry -> {
                    session.connected(ferry, label, uri);
                    done.accept(null);
                })
                .onFailure(error -> {
                    String reason = Failures.describe("Connecting to " + label, error);
                    session.connectionFailed(label, reason);
                    done.accept(reason);
                }));
    }

    /** Opens a connection, pings and closes it, without touching the session. */
    public void test(String uri, Consumer<String> done) {
        executor.execute(BackgroundTask.of("test connection", () -> {
            try (MigrationEngine engine = Engines.connect(uri)) {
                return engine.databaseName();
            }
        }).onSuccess(db -> done.accept(null))
                .onFailure(error -> done.accept(Failures.describe("Connecting to " + Secrets.redact(uri), error))));
    }

    /** Starts the built-in demo database (once), seeds runbook 000's collection and connects to it. */
    public void startDemo(Consumer<String> done) {
        startDemo(DEMO_DOCS, done);
    }

    /** The same with {@code docs} generated documents (tests use fewer). */
    public void startDemo(int docs, Consumer<String> done) {
        session.connecting("demo database (starting…)");
        executor.execute(BackgroundTask.of("start demo database", () -> {
            if (demo == null) {
                demo = DemoServer.start(demoMode, docs);
            }
            return demo.connectionString();
        }).onSuccess(uri -> connect(uri, done))
                .onFailure(error -> {
                    String reason = Failures.describe("Starting the demo database", error);
                    session.connectionFailed("demo database", reason);
                    done.accept(reason);
                }));
    }

    /**
     * Starts the shop demo (once): MongoDB with {@code listings} and an embedded PostgreSQL 15 with customers,
     * products, orders and order_items. It does not connect: {@code done} gets both addresses (or null and the
     * reason), and the operator connects to either as to any database.
     */
    public void startShopDemo(int customers, java.util.function.BiConsumer<DemoAddresses, String> done) {
        executor.execute(BackgroundTask.of("start shop demo", () -> {
            synchronized (this) {
                if (shopDemo == null) {
                    shopDemo = DemoServer.startShop(demoMode, customers);
                }
            }
            return new DemoAddresses(shopDemo.connectionString(), shopDemo.postgresUrl());
        }).onSuccess(addresses -> done.accept(addresses, null))
                .onFailure(error -> done.accept(null, Failures.describe("Starting the shop demo", error))));
    }

    /**
     * Starts the shop demo (once) and connects to both of its databases: the PostgreSQL shop keeps the journal, the
     * MongoDB listings are the other database, so either example plan (embed into MongoDB, fan out into PostgreSQL)
     * runs from the console.
     */
    public void connectShopDemo(Consumer<String> done) {
        session.connecting("shop demo (starting…)");
        startShopDemo(SHOP_CUSTOMERS, (addresses, failure) -> {
            if (failure != null) {
                session.connectionFailed("shop demo", failure);
                done.accept(failure);
            } else {
                connect(addresses.postgresUrl(), addresses.mongoUri(), done);
            }
        });
    }

    /** How the session labels the running shop demo's connection, or null when it has not been started. */
    public String shopDemoLabel() {
        DemoServer shop = shopDemo;
        return shop == null ? null : label(shop.postgresUrl()) + " + " + label(shop.connectionString());
    }

    /** The demo database's address, or null when it has not been started. */
    public String demoUri() {
        DemoServer d = demo;
        return d == null ? null : d.connectionString();
    }

    @Override
    public void close() {
        if (session.engine() != null) {
            session.engine().close();
        }
        DemoServer d = demo;
        if (d != null) {
            d.close();
        }
        DemoServer shop = shopDemo;
        if (shop != null) {
            shop.close();
        }
    }
}
