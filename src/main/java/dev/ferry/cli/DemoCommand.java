package dev.ferry.cli;

import dev.ferry.format.HumanFormat;
import dev.ferry.demo.DemoDatabase;
import dev.ferry.demo.EarlybirdDataset;
import dev.ferry.demo.ShopDemo;
import dev.ferry.demo.UserDataGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry demo}: the built-in demo database, seeded with runbook 000's user_data (or runbook 004's collections,
 * or the shop: MongoDB listings and a PostgreSQL 15 shop schema), served until Ctrl-C.
 */
@Command(name = "demo", description = "Start the built-in demo MongoDB (in-process) seeded with user_data "
        + "(or, with --dataset earlybird, runbook 004's six collections; with --dataset shop, listings in MongoDB and"
        + " an embedded PostgreSQL 15 with customers, products, orders and order_items), print the connection"
        + " strings and serve until Ctrl-C.")
final class DemoCommand extends Verb {

    @Option(names = "--port", paramLabel = "P", defaultValue = "" + DemoDatabase.DEFAULT_PORT,
            description = "port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--docs", paramLabel = "N",
            description = "user_data documents to generate (default: " + DemoDatabase.DEFAULT_DOCS + "); with"
                    + " --dataset earlybird, orders (default: " + EarlybirdDataset.DEFAULT_ORDERS + ", about 5,700"
                    + " documents in all); with --dataset shop, customers (default: " + ShopDemo.DEFAULT_CUSTOMERS
                    + "; about five orders each, three items an order, half as many listings)")
    Integer docs;

    @Option(names = "--pg-port", paramLabel = "P", defaultValue = "" + ShopDemo.DEFAULT_PG_PORT,
            description = "with --dataset shop: the PostgreSQL server's port on 127.0.0.1; 0 picks a free one"
                    + " (default: ${DEFAULT-VALUE})")
    int pgPort;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "user_data",
            description = "user_data (runbook 000, database narrative_modeling) or earlybird (runbook 004: orders,"
                    + " delivery_statuses, subscriptions_v2, users, customers_v2, billing_records in database"
                    + " earlybird) or shop (database shop in MongoDB: listings; and in PostgreSQL: customers, products,"
                    + " orders, order_items) (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + UserDataGenerator.DEFAULT_SEED,
            description = "seed of the generator: the same seed gives the same documents (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        boolean earlybird = "earlybird".equals(dataset);
        boolean shop = "shop".equals(dataset);
        if (!earlybird && !shop && !"user_data".equals(dataset)) {
            throw new CliUsageException("Unknown --dataset '" + dataset + "': use user_data, earlybird or shop.");
        }
        int docs = this.docs != null ? this.docs : earlybird ? EarlybirdDataset.DEFAULT_ORDERS
                : shop ? ShopDemo.DEFAULT_CUSTOMERS : DemoDatabase.DEFAULT_DOCS;
        if (docs < 0 || port < 0 || port > 65_535 || pgPort < 0 || pgPort > 65_535) {
            throw new CliUsageException("--docs must be >= 0, --port and --pg-port between 0 and 65535.");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        if (shop) {
            return serveShop(docs, stopped);
        }
        DemoDatabase demo = DemoDatabase.start(port);
        Thread hook = new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "ferry-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (earlybird) {
            return serveEarlybird(demo, docs, stopped);
        }
        demo.seed(docs, seed);
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("uri", demo.connectionString());
            result.put("database", DemoDatabase.DATABASE);
            result.put("collection", DemoDatabase.COLLECTION);
            result.put("documents", docs);
            result.put("seed", seed);
            printJson(result);
        } else {
            out().println("Demo database ready: " + HumanFormat.count(docs) + " documents in "
                    + DemoDatabase.DATABASE + "." + DemoDatabase.COLLECTION + " (seed " + seed + ")");
            out().println(demo.connectionString());
            out().println("Try: ferry assess --uri " + demo.connectionString());
            out().println("Serving until Ctrl-C.");
            out().flush();
        }
        stopped.await();
        return OK;
    }

    private int serveShop(int customers, CountDownLatch stopped) throws InterruptedException {
        ShopDemo demo = ShopDemo.start(port, pgPort, customers, seed);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "ferry-demo-shutdown"));
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("mongodb", demo.mongoUri());
            result.put("postgresql", demo.postgresUrl());
            result.put("counts", demo.counts());
            result.put("seed", seed);
            printJson(result);
        } else {
            Map<String, Long> counts = demo.counts();
            out().println("Shop demo ready (seed " + seed + "):");
            out().println("  MongoDB     " + demo.mongoUri() + "   listings " + HumanFormat.count(counts.get(
                    ShopDemo.LISTINGS)));
            out().println("  PostgreSQL  " + demo.postgresUrl() + "   " + java.util.stream.Stream.of("customers",
                    "products", "orders", "order_items").map(t -> t + " " + HumanFormat.count(counts.get(t)))
                    .collect(java.util.stream.Collectors.joining(", ")));
            out().println("Try: ferry assess --uri " + demo.postgresUrl());
            out().println("Serving until Ctrl-C.");
            out().flush();
        }
        stopped.await();
        return OK;
    }

    private int serveEarlybird(DemoDatabase demo, int orders, CountDownLatch stopped) throws InterruptedException {
        Map<String, Integer> written = demo.seedEarlybird(orders, seed);
        String uri = demo.connectionString(EarlybirdDataset.DATABASE);
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("uri", uri);
            result.put("database", EarlybirdDataset.DATABASE);
            result.put("collections", written);
            result.put("seed", seed);
            printJson(result);
        } else {
            out().println("Demo database ready: runbook 004's collections in " + EarlybirdDataset.DATABASE + " (seed "
                    + seed + "): " + written.entrySet().stream().map(e -> e.getKey() + " " + HumanFormat.count(
                    e.getValue())).collect(java.util.stream.Collectors.joining(", ")));
            out().println(uri);
            out().println("Try: ferry set list --uri " + uri + " --dir sets/earlybird");
            out().println("Serving until Ctrl-C.");
            out().flush();
        }
        stopped.await();
        return OK;
    }
}
